import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import type {
  OverallStatus,
  StatusCounts,
} from '@tofui/backstage-plugin-tofui-common';

const ORDER: Array<{ status: OverallStatus; label: string; emoji: string }> = [
  { status: 'failing', label: 'failing', emoji: '❌' },
  { status: 'unknown', label: 'unknown', emoji: '❔' },
  { status: 'passing', label: 'passing', emoji: '✅' },
];

/**
 * How many folders match, by verdict; each count toggles the verdict filter.
 */
export const SummaryCounts = ({
  counts,
  selected,
  onSelect,
}: {
  counts: StatusCounts;
  selected?: OverallStatus;
  onSelect: (status?: OverallStatus) => void;
}) => (
  <Box
    display="flex"
    flexWrap="wrap"
    alignItems="center"
    my={1}
    role="group"
    aria-label="Folders by verdict"
  >
    <Box mr={1} component="span">
      {counts.total.toLocaleString()}{' '}
      {counts.total === 1 ? 'folder' : 'folders'}:
    </Box>
    {ORDER.map(({ status, label, emoji }) => (
      <Chip
        key={status}
        size="small"
        clickable
        style={{ marginRight: 4 }}
        color={selected === status ? 'primary' : 'default'}
        aria-pressed={selected === status}
        label={`${emoji} ${counts[status].toLocaleString()} ${label}`}
        onClick={() => onSelect(selected === status ? undefined : status)}
      />
    ))}
  </Box>
);
