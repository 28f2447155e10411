import {
  Content,
  ContentHeader,
  SupportButton,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { useMemo, useState } from 'react';
import {
  toSummaryQuery,
  useDashboardFilters,
} from '../../hooks/useDashboardFilters';
import { DashboardFilters } from '../DashboardFilters';
import { FolderList } from '../FolderList';
import { PendingApplies } from '../PendingApplies';
import { TofuiNav } from '../TofuiNav';

/** The standalone tofUI page: every repository and folder, failing first. */
export const TofuiPage = () => {
  const { filters, setFilter } = useDashboardFilters();
  // Relative windows ("last 7 days") resolve when the filters change.
  const query = useMemo(() => toSummaryQuery(filters), [filters]);
  const [typed, setTyped] = useState<string>();
  return (
    <Content>
      <ContentHeader title="Terraform and OpenTofu runs">
        <TofuiNav />
        <SupportButton>
          The latest build (merge/apply) and test (pull request/plan) report of
          every root module folder, failing folders first.
        </SupportButton>
      </ContentHeader>
      <Box mb={2}>
        <DashboardFilters
          filters={filters}
          onChange={setFilter}
          onTextInput={setTyped}
        />
      </Box>
      <Box mb={2}>
        <PendingApplies repository={filters.repository} owner={filters.owner} />
      </Box>
      <FolderList
        title="Repositories and folders"
        query={query}
        selectedStatus={filters.status}
        onSelectStatus={status => setFilter('status', status)}
        filtered={Object.keys(filters).some(k => k !== 'sort') || !!typed}
        typedText={typed}
      />
    </Content>
  );
};
