import {
  Content,
  ContentHeader,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import { useCallback, useMemo } from 'react';
import { tofuiApiRef } from '../../api';
import { toChangesQuery, useChangeFilters } from '../../hooks/useChangeFilters';
import { useKeysetPages } from '../../hooks/useKeysetPages';
import { ChangeTable } from '../ChangeTable';
import { TofuiNav } from '../TofuiNav';
import { ChangeFilterBar } from './ChangeFilterBar';

const PAGE_SIZE = 50;

/**
 * Every resource change of every plan the user may read, newest run first,
 * filtered on the server (`GET /v1/changes`); the filters live in the URL.
 */
export const ChangesPage = () => {
  const api = useApi(tofuiApiRef);
  const { filters, setFilter, setActions, clear } = useChangeFilters();
  const query = useMemo(() => toChangesQuery(filters), [filters]);
  const fetchPage = useCallback(
    (page: { cursor?: string; limit: number }) =>
      api.listChanges({ ...query, ...page }),
    [api, query],
  );
  const pages = useKeysetPages(fetchPage, PAGE_SIZE);
  return (
    <Content>
      <ContentHeader title="Resource changes">
        <TofuiNav />
        <SupportButton>
          Every resource a plan changed, across all repositories you may read,
          newest run first. Attribute paths only, never values. Address globs: *
          within one segment, ** across segments.
        </SupportButton>
      </ContentHeader>
      <Box mb={2}>
        <ChangeFilterBar
          filters={filters}
          onChange={setFilter}
          onActions={setActions}
          onClear={clear}
        />
      </Box>
      <Paper>
        <ChangeTable
          label="Resource changes"
          items={pages.items}
          loading={pages.loading}
          error={pages.error}
          hasMore={pages.hasMore}
          onLoadMore={pages.loadMore}
          empty={
            Object.keys(filters).length
              ? 'No change matches these filters.'
              : 'No changes indexed yet: publish a report with a plan.'
          }
        />
      </Paper>
    </Content>
  );
};
