import { makeStyles } from '@material-ui/core/styles';
import {
  findStatusMapping,
  type StatusType,
} from '@tofui/backstage-plugin-tofui-common';

const useStyles = makeStyles(theme => ({
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    height: 22,
    margin: theme.spacing(0.25),
    padding: theme.spacing(0, 1),
    borderRadius: 11,
    border: '1px solid',
    color: theme.palette.text.primary,
    fontSize: theme.typography.pxToRem(12),
    fontWeight: 500,
    whiteSpace: 'nowrap',
    cursor: 'default',
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
 * never mistaken for a known state. A plain element with a native tooltip:
 * a dashboard page draws hundreds of these, and MUI's Chip and Tooltip cost
 * several times as much to mount.
 */
export const StatusChip = ({ typeKey, code, statusTypes }: StatusChipProps) => {
  const classes = useStyles();
  const type = statusTypes.find(t => t.key === typeKey);
  const mapping = findStatusMapping(statusTypes, typeKey, code);
  const typeName = type?.name ?? typeKey;
  const label = mapping ? `${mapping.emoji} ${mapping.label}` : `❔ ${code}`;
  const color = mapping?.color ?? '#6e7781';
  // The status colour marks the border and tints the background; the text
  // keeps the theme's colour, so any configured colour stays readable in
  // light and dark (a colour as text often fails contrast: amber on white).
  return (
    <span
      className={classes.chip}
      style={{ borderColor: color, backgroundColor: `${color}1f` }}
      title={`${typeName}: ${mapping?.label ?? `unmapped code ${code}`}`}
      aria-label={`${typeName}: ${mapping?.label ?? `code ${code}`}`}
      role="img"
    >
      {label}
    </span>
  );
};
