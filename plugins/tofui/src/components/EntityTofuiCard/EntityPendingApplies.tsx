import { ResponseErrorPanel } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useChangeLinks } from '../../lib/changeLinks';
import { formatAge } from '../../lib/duration';
import { ActionCounts, usePending } from '../PendingApplies';
import { RowLink } from '../RowLink';

/** An entity has few folders; one page holds them all. */
const PAGE_SIZE = 200;

/**
 * The entity's folders whose latest plan waits for an apply: the plan (to
 * its report), how long it has waited, its changes per action. Nothing
 * when none waits.
 */
export const EntityPendingApplies = ({ entityRef }: { entityRef: string }) => {
  const { items: mine = [], error } = usePending(
    { entity: entityRef },
    PAGE_SIZE,
  );
  const links = useChangeLinks();
  if (error) return <ResponseErrorPanel error={error} />;
  if (mine.length === 0) return null;
  return (
    <>
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 8 }}>
        Pending applies
      </Typography>
      <List dense aria-label="Pending applies">
        {mine.map(item => {
          const report = links.reportAt(item.reportId);
          return (
            <ListItem key={item.folder} disableGutters>
              <ListItemText
                disableTypography
                primary={
                  <Typography variant="body2">
                    {item.folder} ·{' '}
                    {report ? (
                      <RowLink to={report}>{item.buildName}</RowLink>
                    ) : (
                      item.buildName
                    )}{' '}
                    <Typography
                      component="span"
                      variant="caption"
                      color="textSecondary"
                    >
                      waiting {formatAge(item.ageSeconds)}
                    </Typography>
                  </Typography>
                }
                secondary={<ActionCounts counts={item.counts} />}
              />
            </ListItem>
          );
        })}
      </List>
    </>
  );
};
