import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useChangeLinks } from '../../lib/changeLinks';
import { formatAge } from '../../lib/duration';
import { repositoryParams } from '../../lib/repositoryParams';
import { folderRouteRef } from '../../routes';
import { OwnerLinks } from '../OwnerLinks';
import { RowLink } from '../RowLink';
import { ActionCounts } from './ActionCounts';
import { usePending } from './usePending';

const PAGE_SIZE = 20;

/**
 * Pending applies on the dashboard: folders whose latest plan has changes
 * that no passing apply followed, oldest first — the plan's age, its
 * changes per action and the folder's owners. Follows the dashboard's
 * repository and owner filters. Folded until opened, with the count in
 * its title: the dashboard stays about verdicts.
 */
export const PendingApplies = ({
  repository,
  owner,
}: {
  repository?: string;
  owner?: string;
}) => {
  const pages = usePending({ repository, owner }, PAGE_SIZE);
  const links = useChangeLinks();
  const folderRoute = useRouteRef(folderRouteRef);
  const items = pages.items ?? [];
  let count = '…';
  if (pages.items) count = `${items.length}${pages.hasMore ? '+' : ''}`;
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="tofui-pending-applies"
        id="tofui-pending-applies-header"
      >
        <Typography component="h2" variant="subtitle1">
          Pending applies: {count}{' '}
          <Typography component="span" variant="body2" color="textSecondary">
            latest plans with changes no passing apply has followed
          </Typography>
        </Typography>
      </AccordionSummary>
      <AccordionDetails
        id="tofui-pending-applies"
        style={{ display: 'block', padding: 0 }}
      >
        {pages.error && <ResponseErrorPanel error={pages.error} />}
        {items.length > 0 && (
          <Box style={{ overflowX: 'auto' }}>
            <Table size="small" aria-label="Pending applies">
              <TableHead>
                <TableRow>
                  <TableCell>Repository · folder</TableCell>
                  <TableCell>Latest plan</TableCell>
                  <TableCell>Waiting for</TableCell>
                  <TableCell>Changes</TableCell>
                  <TableCell>Owner</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map(item => {
                  const folderLink = folderRoute?.({
                    ...repositoryParams(item.repository),
                    folder: item.folder,
                  });
                  const report = links.reportAt(item.reportId);
                  return (
                    <TableRow key={`${item.repository}/${item.folder}`}>
                      <TableCell>
                        {folderLink ? (
                          <RowLink to={folderLink}>
                            {item.repository} · {item.folder}
                          </RowLink>
                        ) : (
                          `${item.repository} · ${item.folder}`
                        )}
                      </TableCell>
                      <TableCell>
                        {report ? (
                          <RowLink to={report}>{item.buildName}</RowLink>
                        ) : (
                          item.buildName
                        )}
                      </TableCell>
                      <TableCell>{formatAge(item.ageSeconds)}</TableCell>
                      <TableCell>
                        <ActionCounts counts={item.counts} />
                      </TableCell>
                      <TableCell>
                        <OwnerLinks owners={item.owners} />
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        )}
        {pages.loading && <Progress />}
        {!pages.loading && !pages.error && items.length === 0 && (
          <Box p={2}>
            <Typography variant="body2">
              No planned changes are waiting for an apply.
            </Typography>
          </Box>
        )}
        {pages.hasMore && !pages.loading && (
          <Button size="small" onClick={pages.loadMore} style={{ margin: 8 }}>
            Load more
          </Button>
        )}
      </AccordionDetails>
    </Accordion>
  );
};
