import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ACTION_REASON_TEXT,
  type CompactChange,
  type DiffValue,
  describeValue,
  diffChange,
  formatAttributePath,
  RC,
} from '@tofui/report';
import { useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';

const useStyles = makeStyles(theme => ({
  table: {
    tableLayout: 'fixed',
    '& td': {
      fontFamily: 'monospace',
      fontSize: 12,
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
      verticalAlign: 'top',
    },
  },
  add: { background: theme.palette.type === 'dark' ? '#12261e' : '#dafbe1' },
  remove: { background: theme.palette.type === 'dark' ? '#25171c' : '#ffebe9' },
  marker: {
    fontStyle: 'italic',
    // text.secondary on the light red and green lines is under 4.5:1
    color:
      theme.palette.type === 'dark'
        ? theme.palette.text.secondary
        : theme.palette.grey[700],
  },
  forces: {
    color: theme.palette.error.main,
    fontWeight: 600,
    marginLeft: theme.spacing(1),
  },
  risk: { color: theme.palette.error.main },
}));

/** A value as the HTML report shows it too (describeValue); markers styled apart. */
const Value = ({
  value,
  className,
}: {
  value?: DiffValue;
  className: string;
}) => {
  if (!value) return null;
  const { text, kind } = describeValue(value);
  return kind === 'value' ? (
    <>{text}</>
  ) : (
    <span className={className}>{text}</span>
  );
};

/** One resource's reason, notes and attribute diff (changed attributes first shown). */
export const ResourceDiff = ({ item }: { item: CompactChange }) => {
  const classes = useStyles();
  const [showSame, setShowSame] = useState(false);
  const rows = useMemo(
    () =>
      diffChange({
        action: item[RC.action],
        before: item[RC.before],
        after: item[RC.after],
        afterUnknown: item[RC.afterUnknown],
        replacePaths: item[RC.replacePaths] || [],
      }),
    [item],
  );
  const changed = rows.filter(r => r.kind !== 'same');
  const shown = showSame || changed.length === 0 ? rows : changed;
  const reason = item[RC.reason];
  const action = item[RC.action];
  const risky = action === 'delete' || action.startsWith('replace');
  return (
    <div>
      <Typography
        variant="subtitle2"
        component="h3"
        style={{ fontFamily: 'monospace' }}
      >
        {item[RC.address]}
      </Typography>
      {reason && (
        <Typography
          variant="body2"
          className={risky ? classes.risk : undefined}
        >
          {ACTION_REASON_TEXT[reason] ?? reason.replace(/_/g, ' ')}
        </Typography>
      )}
      {item[RC.replacePaths] ? (
        <Typography variant="body2" className={classes.risk}>
          Replacement forced by:{' '}
          {(item[RC.replacePaths] as unknown[][])
            .map(formatAttributePath)
            .join(', ')}
        </Typography>
      ) : null}
      {item[RC.previousAddress] && (
        <Typography variant="body2">
          Moved from {item[RC.previousAddress]}
        </Typography>
      )}
      {item[RC.importingId] && (
        <Typography variant="body2">
          Imported from id {item[RC.importingId]}
        </Typography>
      )}
      {rows.length === 0 ? (
        <Typography variant="body2">No attributes.</Typography>
      ) : (
        <Table
          size="small"
          className={classes.table}
          aria-label={`Changes of ${item[RC.address]}`}
        >
          <TableHead>
            <TableRow>
              <TableCell style={{ width: '30%' }}>Attribute</TableCell>
              <TableCell>Before</TableCell>
              <TableCell>After</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(row => (
              <TableRow key={row.path}>
                <TableCell>
                  {row.path}
                  {row.forcesReplacement && (
                    <span className={classes.forces}># forces replacement</span>
                  )}
                </TableCell>
                <TableCell
                  className={
                    row.kind === 'remove' || row.kind === 'change'
                      ? classes.remove
                      : undefined
                  }
                >
                  <Value value={row.before} className={classes.marker} />
                </TableCell>
                <TableCell
                  className={
                    row.kind === 'add' || row.kind === 'change'
                      ? classes.add
                      : undefined
                  }
                >
                  <Value value={row.after} className={classes.marker} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {changed.length > 0 && changed.length < rows.length && (
        <Button size="small" onClick={() => setShowSame(!showSame)}>
          {showSame
            ? 'Hide unchanged attributes'
            : `Show ${rows.length - changed.length} unchanged attributes`}
        </Button>
      )}
    </div>
  );
};
