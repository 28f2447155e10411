import {
  Content,
  ContentHeader,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import { useFolderSummaries } from '../../hooks/useFolderSummaries';
import { reportRouteRef, repositoryRouteRef, rootRouteRef } from '../../routes';
import { FolderHistory } from '../FolderHistory';
import { ReportCell } from '../FolderTable/ReportCell';
import { FolderTrends } from '../FolderTrends';
import { TofuiNav } from '../TofuiNav';
import { VerdictBadge } from '../VerdictBadge';

/** One folder: its verdict, latest build and test, trends and full history. */
export const FolderPage = () => {
  const { owner = '', repo = '', folder = '' } = useParams();
  const repository = `${owner}/${repo}`;
  const root = useRouteRef(rootRouteRef);
  const repositoryRoute = useRouteRef(repositoryRouteRef);
  const reportRoute = useRouteRef(reportRouteRef);
  const { value, error } = useFolderSummaries(repository);
  const summary = value?.items.find(item => item.folder === folder);
  return (
    <Content>
      <ContentHeader
        title={`${repository} · ${folder}`}
        titleComponent={
          <Box>
            <Typography variant="caption">
              {root && <Link to={root()}>All repositories</Link>}
              {' / '}
              {repositoryRoute && (
                <Link to={repositoryRoute({ owner, repo })}>{repository}</Link>
              )}
              {' /'}
            </Typography>
            <Typography variant="h4" component="h1">
              {folder}
            </Typography>
          </Box>
        }
      >
        <TofuiNav />
      </ContentHeader>
      {error && <ResponseErrorPanel error={error} />}
      {!value && !error && <Progress />}
      {value && !summary && (
        <Typography>No reports for this folder.</Typography>
      )}
      {value && summary && (
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            <InfoCard title="Verdict">
              <VerdictBadge status={summary.overallStatus} />
            </InfoCard>
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            <InfoCard title="Latest build">
              <ReportCell
                report={summary.latestBuild}
                statusTypes={value.statusTypes}
                reportRoute={reportRoute}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            <InfoCard title="Latest test">
              <ReportCell
                report={summary.latestTest}
                statusTypes={value.statusTypes}
                reportRoute={reportRoute}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <FolderTrends repository={repository} folder={folder} />
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="History" noPadding>
              <FolderHistory
                repository={repository}
                folder={folder}
                statusTypes={value.statusTypes}
              />
            </InfoCard>
          </Grid>
        </Grid>
      )}
    </Content>
  );
};
