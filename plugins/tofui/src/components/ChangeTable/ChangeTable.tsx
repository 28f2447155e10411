import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import type { Change } from '@tofui/backstage-plugin-tofui-common';
import type { ReactNode } from 'react';
import { useChangeLinks } from '../../lib/changeLinks';
import { ActionChip } from '../ActionChip';
import { KeysetPageFooter } from '../KeysetPageFooter';
import { RelativeTime } from '../RelativeTime';
import { RowLink } from '../RowLink';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  mono: { fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere' },
  sub: { color: theme.palette.text.secondary, fontSize: 12 },
}));

/** At most this many attribute paths per row; the rest as "+N more". */
const SHOWN_ATTRIBUTES = 6;

export interface ChangeTableProps {
  /** The table's accessible name. */
  label: string;
  items?: Change[];
  loading: boolean;
  error?: Error;
  hasMore: boolean;
  onLoadMore: () => void;
  /** What to say when nothing matched. */
  empty: ReactNode;
  /** Repository and folder columns (off where they are all the same). */
  showLocation?: boolean;
  /** The address column (off on one resource's timeline). */
  showAddress?: boolean;
}

/**
 * Changed resources, a row per change, newest run first: when, where, the
 * resource (opening the report's plan at it), the action, the changed
 * attribute paths and the run; "Load more" follows the cursor.
 */
export const ChangeTable = ({
  label,
  items,
  loading,
  error,
  hasMore,
  onLoadMore,
  empty,
  showLocation = true,
  showAddress = true,
}: ChangeTableProps) => {
  const classes = useStyles();
  const links = useChangeLinks();
  if (error && !items?.length) return <ResponseErrorPanel error={error} />;
  return (
    <Box>
      {items && items.length > 0 && (
        <Box className={classes.scroll}>
          <Table size="small" aria-label={label}>
            <TableHead>
              <TableRow>
                <TableCell>When</TableCell>
                {showLocation && <TableCell>Repository · folder</TableCell>}
                {showAddress && <TableCell>Resource</TableCell>}
                <TableCell>Action</TableCell>
                <TableCell>Attributes</TableCell>
                <TableCell>Run</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(change => {
                const report = links.reportAt(change.reportId, change.address);
                const timeline = links.timeline(change);
                const run = change.buildName;
                const extra = change.attributes.length - SHOWN_ATTRIBUTES;
                return (
                  <TableRow
                    key={`${change.reportId}/${change.address}/${change.drift}`}
                  >
                    <TableCell>
                      <RelativeTime iso={change.createdAt} />
                    </TableCell>
                    {showLocation && (
                      <TableCell>
                        {change.repository} · {change.folder}
                      </TableCell>
                    )}
                    {showAddress && (
                      <TableCell className={classes.mono}>
                        {report ? (
                          <RowLink to={report}>{change.address}</RowLink>
                        ) : (
                          change.address
                        )}
                        {timeline && (
                          <div>
                            <RowLink to={timeline}>
                              <span className={classes.sub}>Timeline</span>
                            </RowLink>
                          </div>
                        )}
                      </TableCell>
                    )}
                    <TableCell>
                      <ActionChip action={change.action} drift={change.drift} />
                    </TableCell>
                    <TableCell className={classes.mono}>
                      {change.attributes.slice(0, SHOWN_ATTRIBUTES).join(', ')}
                      {extra > 0 && (
                        <span className={classes.sub}> +{extra} more</span>
                      )}
                      {change.movedFrom && (
                        <div className={classes.sub}>
                          moved from {change.movedFrom}
                        </div>
                      )}
                      {change.importingId && (
                        <div className={classes.sub}>
                          importing {change.importingId}
                        </div>
                      )}
                    </TableCell>
                    <TableCell>
                      {report && !showAddress ? (
                        <RowLink to={report}>{run}</RowLink>
                      ) : (
                        run
                      )}
                      <div className={classes.sub}>
                        {[
                          change.reportType === 'test' ? 'plan' : 'apply',
                          change.branch,
                          change.actor,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
      <KeysetPageFooter
        count={items?.length}
        loading={loading}
        error={error}
        hasMore={hasMore}
        onLoadMore={onLoadMore}
        empty={empty}
      />
    </Box>
  );
};
