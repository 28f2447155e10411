import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useEntityFolders } from '../../hooks/useEntityFolders';
import { reportRouteRef } from '../../routes';
import { RelativeTime } from '../RelativeTime';
import { VerdictBadge } from '../VerdictBadge';
import { EntityPendingApplies } from './EntityPendingApplies';

/**
 * The entity's folders at a glance, failing first: verdict, folder, and the
 * latest run (linked to its report); below, the folders whose latest plan
 * waits for an apply.
 */
export const EntityTofuiCard = () => {
  const { entityRef, repository, items, loading, error } = useEntityFolders();
  const reportRoute = useRouteRef(reportRouteRef);
  return (
    <InfoCard title="Terraform / OpenTofu" subheader={repository}>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {items && items.length === 0 && (
        <Typography variant="body2">No reports published yet.</Typography>
      )}
      {items && items.length > 0 && (
        <List dense aria-label="Folders">
          {items.map(item => {
            const latest = [item.latestBuild, item.latestTest]
              .filter(r => !!r)
              .sort((a, b) => b!.createdAt.localeCompare(a!.createdAt))[0];
            const name = latest ? latest.displayName ?? latest.buildName : '';
            return (
              <ListItem key={item.folder} disableGutters>
                <ListItemText
                  primary={
                    <>
                      <VerdictBadge status={item.overallStatus} /> {item.folder}
                    </>
                  }
                  secondary={
                    latest && (
                      <>
                        {reportRoute ? (
                          <Link to={reportRoute({ id: latest.id })}>
                            {name}
                          </Link>
                        ) : (
                          name
                        )}{' '}
                        <RelativeTime iso={latest.createdAt} />
                      </>
                    )
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {repository && <EntityPendingApplies entityRef={entityRef} />}
    </InfoCard>
  );
};
