import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Drift } from '@tofui/backstage-plugin-tofui-common';
import type { ReactNode } from 'react';
import { useChangeLinks } from '../../lib/changeLinks';
import { formatAge } from '../../lib/duration';
import { OwnerLinks } from '../OwnerLinks';
import { KeysetPageFooter } from '../KeysetPageFooter';
import { RelativeTime } from '../RelativeTime';
import { RowLink } from '../RowLink';

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto' },
  mono: { fontFamily: 'monospace', fontSize: 12, overflowWrap: 'anywhere' },
  chronic: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.main,
  },
}));

/**
 * Drifted resources: where, the owners, how long it has been open (since
 * first seen), how often plans showed it, its attributes; each opens the
 * resource's timeline.
 */
export const DriftTable = ({
  label,
  items,
  loading,
  error,
  hasMore,
  onLoadMore,
  empty,
  showLocation = true,
  now = Date.now(),
}: {
  label: string;
  items?: Drift[];
  loading: boolean;
  error?: Error;
  hasMore: boolean;
  onLoadMore: () => void;
  empty: ReactNode;
  showLocation?: boolean;
  now?: number;
}) => {
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
                <TableCell>Resource</TableCell>
                {showLocation && <TableCell>Repository · folder</TableCell>}
                <TableCell>Owner</TableCell>
                <TableCell>Open for</TableCell>
                <TableCell>Last seen</TableCell>
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  Plans
                </TableCell>
                <TableCell>Attributes</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(drift => {
                const timeline = links.timeline(drift);
                const end = drift.closedAt ? Date.parse(drift.closedAt) : now;
                const age = (end - Date.parse(drift.firstSeenAt)) / 1000;
                return (
                  <TableRow
                    key={`${drift.repository}/${drift.folder}/${drift.address}`}
                  >
                    <TableCell className={classes.mono}>
                      {timeline ? (
                        <RowLink to={timeline}>{drift.address}</RowLink>
                      ) : (
                        drift.address
                      )}{' '}
                      {drift.chronic && (
                        <Chip
                          size="small"
                          variant="outlined"
                          label="chronic"
                          className={classes.chronic}
                          title="Drifted in at least 3 plans of the last 30 days"
                        />
                      )}
                    </TableCell>
                    {showLocation && (
                      <TableCell>
                        {drift.repository} · {drift.folder}
                      </TableCell>
                    )}
                    <TableCell>
                      <OwnerLinks owners={drift.owners} />
                    </TableCell>
                    <TableCell>
                      {formatAge(age)}
                      {drift.closedAt && (
                        <Typography
                          variant="caption"
                          display="block"
                          color="textSecondary"
                        >
                          closed <RelativeTime iso={drift.closedAt} />
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      <RelativeTime iso={drift.lastSeenAt} />
                    </TableCell>
                    <TableCell align="right">{drift.occurrences}</TableCell>
                    <TableCell className={classes.mono}>
                      {drift.attributes.join(', ')}
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
