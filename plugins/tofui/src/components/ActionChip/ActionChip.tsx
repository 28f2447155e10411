import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { PLAN_ACTIONS } from '@tofui/report';

const useStyles = makeStyles(theme => ({
  chip: { fontFamily: 'monospace', fontWeight: 600 },
  add: { color: theme.palette.success?.main ?? '#1a7f37' },
  remove: { color: theme.palette.error.main },
  change: { color: theme.palette.warning?.main ?? '#9a6700' },
  muted: { color: theme.palette.text.secondary },
}));

/**
 * What a plan does to a resource, with the symbol and tone the plan view
 * and the HTML report use (the engine's action table); drift is marked.
 */
export const ActionChip = ({
  action,
  drift = false,
  count,
}: {
  action: string;
  drift?: boolean;
  /** How many resources, when the chip stands for several. */
  count?: number;
}) => {
  const classes = useStyles();
  const display = PLAN_ACTIONS[action] ?? {
    symbol: '?',
    label: action,
    tone: 'muted' as const,
  };
  const label = `${display.symbol.trim() || '·'} ${display.label}${
    drift ? ' (drift)' : ''
  }${count === undefined ? '' : ` ${count}`}`;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={label}
      className={`${classes.chip} ${classes[display.tone]}`}
    />
  );
};
