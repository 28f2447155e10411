import { RowLink } from '../RowLink';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  FolderSummary,
  StatusType,
} from '@tofui/backstage-plugin-tofui-common';
import {
  memo,
  startTransition,
  useMemo,
  useEffect,
  useState,
  type ReactNode,
} from 'react';
import { repositoryParams } from '../../lib/repositoryParams';
import {
  folderRouteRef,
  reportRouteRef,
  repositoryRouteRef,
} from '../../routes';
import { FolderHistory } from '../FolderHistory';
import { VerdictBadge } from '../VerdictBadge';
import { ReportCell } from './ReportCell';

export interface FolderTableProps {
  title: string;
  items: FolderSummary[];
  statusTypes: ReadonlyArray<StatusType>;
  /** Show the repository column (off on an entity page: one repository). */
  showRepository?: boolean;
  /** Shown under the table, e.g. a "Load more" button. */
  footer?: ReactNode;
}

const useStyles = makeStyles(theme => ({
  title: { padding: theme.spacing(2, 2, 1) },
  // Fixed layout: the browser sizes columns from the header alone instead
  // of measuring every cell of every row.
  table: { tableLayout: 'fixed', minWidth: 900 },
  head: {
    '& th': {
      fontWeight: 700,
      textTransform: 'uppercase',
      whiteSpace: 'nowrap',
    },
  },
  row: { '& > td': { borderBottom: 'unset', verticalAlign: 'middle' } },
  expand: { width: 48 },
  folder: {
    fontWeight: 700,
    wordBreak: 'break-word',
  },
  verdict: { whiteSpace: 'nowrap' },
  detail: { padding: 0 },
  // A plain button: MUI's IconButton (ripple, focus tracking) per row costs
  // more than the rest of the row.
  toggle: {
    display: 'inline-flex',
    padding: 4,
    border: 'none',
    borderRadius: '50%',
    background: 'none',
    color: theme.palette.text.secondary,
    cursor: 'pointer',
    '&:hover': { background: theme.palette.action.hover },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
    },
  },
  body: { ...theme.typography.body2 },
  caption: {
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
  },
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

/** Rows drawn in the first frame after new results: a screenful. */
const FIRST_ROWS = 12;

const rowKey = (item: FolderSummary) => `${item.repository}/${item.folder}`;

/**
 * How many rows to draw: after new results only the first screenful, so
 * the table answers a filter in one short frame, then the rest in the next
 * task. Rows that were already drawn (Load more, a live refresh) stay.
 */
function useProgressiveCount(items: FolderSummary[]): number {
  const [drawn, setDrawn] = useState({
    items,
    count: Math.min(items.length, FIRST_ROWS),
  });
  if (drawn.items !== items) {
    let kept = 0;
    while (
      kept < drawn.count &&
      kept < items.length &&
      rowKey(items[kept]) === rowKey(drawn.items[kept])
    ) {
      kept++;
    }
    setDrawn({
      items,
      count: Math.min(items.length, Math.max(kept, FIRST_ROWS)),
    });
  }
  useEffect(() => {
    if (drawn.count >= items.length) return undefined;
    // The rest in a transition: drawn in slices, interruptible by input.
    const timer = setTimeout(() =>
      startTransition(() =>
        setDrawn(current =>
          current.items === items ? { items, count: items.length } : current,
        ),
      ),
    );
    return () => clearTimeout(timer);
  }, [drawn, items]);
  return drawn.items === items
    ? drawn.count
    : Math.min(items.length, FIRST_ROWS);
}

/**
 * The routes rows link to, resolved once per table: resolving a route ref
 * matches the app's whole route tree against the location, and a page of
 * rows has four links each.
 */
interface RowRoutes {
  repository?: (params: { owner: string; repo: string }) => string;
  folder?: (params: { owner: string; repo: string; folder: string }) => string;
  report?: (params: { id: string }) => string;
}

interface RowProps {
  item: FolderSummary;
  statusTypes: ReadonlyArray<StatusType>;
  showRepository: boolean;
  classes: ReturnType<typeof useStyles>;
  routes: RowRoutes;
}

/**
 * One folder. Memoised: a live refresh or "Load more" re-renders only the
 * rows whose data changed (the API returns new objects only for those after
 * a refetch, and React compares props shallowly).
 */
const FolderRow = memo(function FolderRowContent({
  item,
  statusTypes,
  showRepository,
  classes,
  routes,
}: RowProps) {
  const [open, setOpen] = useState(false);
  const { repository: repositoryRoute, folder: folderRoute } = routes;
  const name = `${item.repository} ${item.folder}`;
  const columns = showRepository ? 6 : 5;
  return (
    <>
      <TableRow className={classes.row} hover>
        <TableCell className={classes.expand} padding="checkbox">
          <button
            type="button"
            className={classes.toggle}
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} history of ${name}`}
            onClick={() => setOpen(!open)}
          >
            {open ? <ExpandMoreIcon /> : <ChevronRightIcon />}
          </button>
        </TableCell>
        {showRepository && (
          <TableCell>
            <div className={classes.body}>
              {repositoryRoute ? (
                <RowLink
                  to={repositoryRoute(repositoryParams(item.repository))}
                >
                  {item.repositoryDisplayName ?? item.repository}
                </RowLink>
              ) : (
                item.repositoryDisplayName ?? item.repository
              )}
            </div>
            {item.repositoryDisplayName && (
              <div className={classes.caption}>{item.repository}</div>
            )}
          </TableCell>
        )}
        <TableCell className={classes.folder}>
          {folderRoute ? (
            <RowLink
              to={folderRoute({
                ...repositoryParams(item.repository),
                folder: item.folder,
              })}
            >
              {item.folder}
            </RowLink>
          ) : (
            item.folder
          )}
        </TableCell>
        <TableCell className={classes.verdict}>
          <VerdictBadge status={item.overallStatus} />
        </TableCell>
        <TableCell>
          <ReportCell
            report={item.latestBuild}
            statusTypes={statusTypes}
            reportRoute={routes.report}
          />
        </TableCell>
        <TableCell>
          <ReportCell
            report={item.latestTest}
            statusTypes={statusTypes}
            reportRoute={routes.report}
          />
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell className={classes.detail} colSpan={columns}>
            <FolderHistory
              repository={item.repository}
              folder={item.folder}
              statusTypes={statusTypes}
            />
          </TableCell>
        </TableRow>
      )}
    </>
  );
});

/**
 * Repositories → folders, each with its verdict and latest build and test,
 * in the order given (the server's: failing first unless sorted otherwise).
 * Expanding a row shows the folder's history. A plain table: the rows are a
 * server page, so it needs no client-side search, sorting or paging.
 */
export const FolderTable = ({
  title,
  items,
  statusTypes,
  showRepository = true,
  footer,
}: FolderTableProps) => {
  const classes = useStyles();
  const count = useProgressiveCount(items);
  const repository = useRouteRef(repositoryRouteRef);
  const folder = useRouteRef(folderRouteRef);
  const report = useRouteRef(reportRouteRef);
  const routes = useMemo(
    () => ({ repository, folder, report }),
    [repository, folder, report],
  );
  return (
    <Paper>
      <Typography variant="h5" component="h2" className={classes.title}>
        {title}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label={title} className={classes.table}>
          <TableHead className={classes.head}>
            <TableRow>
              <TableCell className={classes.expand}>
                <span className={classes.srOnly}>History</span>
              </TableCell>
              {showRepository && (
                <TableCell style={{ width: '16%' }}>Repository</TableCell>
              )}
              <TableCell style={{ width: '16%' }}>Folder</TableCell>
              <TableCell style={{ width: 130 }}>Verdict</TableCell>
              <TableCell>Latest build</TableCell>
              <TableCell>Latest test</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.slice(0, count).map(item => (
              <FolderRow
                key={rowKey(item)}
                item={item}
                statusTypes={statusTypes}
                showRepository={showRepository}
                classes={classes}
                routes={routes}
              />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {footer && <Box pb={2}>{footer}</Box>}
    </Paper>
  );
};
