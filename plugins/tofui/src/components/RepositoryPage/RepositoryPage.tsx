import { Content, ContentHeader, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import {
  toSummaryQuery,
  useDashboardFilters,
} from '../../hooks/useDashboardFilters';
import { rootRouteRef } from '../../routes';
import { DashboardFilters } from '../DashboardFilters';
import { FolderList } from '../FolderList';
import { InsightsCharts } from '../InsightsPage';
import { RepositoryEntity } from '../RepositoryEntity';
import { TofuiNav } from '../TofuiNav';

/** One repository: its folders (filterable) and its activity. */
export const RepositoryPage = () => {
  const { owner = '', repo = '' } = useParams();
  const repository = `${owner}/${repo}`;
  const root = useRouteRef(rootRouteRef);
  const { filters, setFilter } = useDashboardFilters();
  const query = useMemo(
    () => ({ ...toSummaryQuery(filters), repository }),
    [filters, repository],
  );
  return (
    <Content>
      <ContentHeader
        title={repository}
        titleComponent={
          <Box>
            {root && (
              <Typography variant="caption">
                <Link to={root()}>All repositories</Link> /
              </Typography>
            )}
            <Typography variant="h4" component="h1">
              {repository}
            </Typography>
            <RepositoryEntity repository={repository} />
          </Box>
        }
      >
        <TofuiNav />
      </ContentHeader>
      <Box mb={2}>
        <DashboardFilters
          filters={filters}
          onChange={setFilter}
          fixedRepository
        />
      </Box>
      <FolderList
        title="Folders"
        query={query}
        showRepository={false}
        selectedStatus={filters.status}
        onSelectStatus={status => setFilter('status', status)}
        filtered
      />
      <Box mt={3}>
        <InsightsCharts repository={repository} days={30} compact />
      </Box>
    </Content>
  );
};
