import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  findStatusMapping,
  type StatusType,
} from '@internal/plugin-tofui-common';

const useStyles = makeStyles(theme => ({
  chip: {
    margin: theme.spacing(0.25),
    fontWeight: 500,
    borderWidth: 1,
    borderStyle: 'solid',
  },
}));

export interface StatusChipProps {
  typeKey: string;
  code: number;
  statusTypes: ReadonlyArray<StatusType>;
}

/**
 * One status of a report: emoji, label and colour from its status type, and
 * "Type name: label" on hover. Unmapped codes show the raw code, so they are
 * never mistaken for a known state.
 */
export const StatusChip = ({ typeKey, code, statusTypes }: StatusChipProps) => {
  const classes = useStyles();
  const type = statusTypes.find(t => t.key === typeKey);
  const mapping = findStatusMapping(statusTypes, typeKey, code);
  const typeName = type?.name ?? typeKey;
  const label = mapping ? `${mapping.emoji} ${mapping.label}` : `❔ ${code}`;
  const color = mapping?.color ?? '#6e7781';
  return (
    <Tooltip
      title={`${typeName}: ${mapping?.label ?? `unmapped code ${code}`}`}
    >
      <Chip
        size="small"
        variant="outlined"
        className={classes.chip}
        style={{ color, borderColor: color }}
        label={label}
        aria-label={`${typeName}: ${mapping?.label ?? `code ${code}`}`}
      />
    </Tooltip>
  );
};
