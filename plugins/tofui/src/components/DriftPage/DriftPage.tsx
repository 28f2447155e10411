import {
  Content,
  ContentHeader,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import type { ListDriftQuery } from '@tofui/backstage-plugin-tofui-common';
import { useCallback } from 'react';
import { tofuiApiRef } from '../../api';
import { useKeysetPages } from '../../hooks/useKeysetPages';
import { usePageQuery } from '../../hooks/usePageQuery';
import { OwnerPicker, RepositoryPicker } from '../DashboardFilters';
import { DebouncedTextField } from '../DebouncedTextField';
import { TofuiNav } from '../TofuiNav';
import { DriftTable } from './DriftTable';

const PAGE_SIZE = 100;
const STATES = ['open', 'closed', 'all'] as const;
type StateFilter = (typeof STATES)[number];

/**
 * The drift ledger (`GET /v1/drift`): resources changed outside
 * OpenTofu/Terraform, chronic first, then the oldest; filters state (open by
 * default), owner, repository and folder, kept in the URL.
 */
export const DriftPage = () => {
  const api = useApi(tofuiApiRef);
  const { params, setParam } = usePageQuery();
  const stateParam = params.get('state') as StateFilter | null;
  const state: StateFilter =
    stateParam && STATES.includes(stateParam) ? stateParam : 'open';
  const owner = params.get('owner') ?? undefined;
  const repository = params.get('repository') ?? undefined;
  const folder = params.get('folder') ?? undefined;
  const set = (key: string, value?: string) =>
    setParam(key, value, { replace: key === 'folder' });
  const fetchPage = useCallback(
    (page: { cursor?: string; limit: number }) => {
      const query: ListDriftQuery = {
        ...(state !== 'all' && { state }),
        ...(owner && { owner }),
        ...(repository && { repository }),
        ...(folder && { folder }),
        order: 'chronic',
        ...page,
      };
      return api.listDrift(query);
    },
    [api, state, owner, repository, folder],
  );
  const pages = useKeysetPages(fetchPage, PAGE_SIZE);
  return (
    <Content>
      <ContentHeader title="Drift">
        <TofuiNav />
        <SupportButton>
          Resources plans found changed outside OpenTofu/Terraform. A drift
          stays open until a later plan of its folder no longer shows it;
          chronic: drifted in at least 3 plans of the last 30 days.
        </SupportButton>
      </ContentHeader>
      <Box mb={2}>
        <Paper
          component="div"
          role="search"
          aria-label="Filter drift"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 12, padding: 12 }}
        >
          <Box flex="1 1 140px" maxWidth={200}>
            <TextField
              id="tofui-drift-state"
              select
              label="State"
              variant="outlined"
              size="small"
              fullWidth
              value={state}
              onChange={e =>
                set(
                  'state',
                  e.target.value === 'open' ? undefined : e.target.value,
                )
              }
            >
              <MenuItem value="open">Open</MenuItem>
              <MenuItem value="closed">Closed</MenuItem>
              <MenuItem value="all">Open and closed</MenuItem>
            </TextField>
          </Box>
          <Box flex="1 1 200px">
            <OwnerPicker value={owner} onChange={v => set('owner', v)} />
          </Box>
          <Box flex="1 1 220px">
            <RepositoryPicker
              value={repository}
              onChange={v => set('repository', v)}
            />
          </Box>
          <Box flex="1 1 160px">
            <DebouncedTextField
              id="tofui-drift-folder"
              label="Folder"
              value={folder}
              onChange={v => set('folder', v)}
            />
          </Box>
        </Paper>
      </Box>
      <Paper>
        <DriftTable
          label="Drift"
          items={pages.items}
          loading={pages.loading}
          error={pages.error}
          hasMore={pages.hasMore}
          onLoadMore={pages.loadMore}
          empty={
            state === 'closed'
              ? 'No closed drift matches these filters.'
              : 'No open drift matches these filters.'
          }
        />
      </Paper>
    </Content>
  );
};
