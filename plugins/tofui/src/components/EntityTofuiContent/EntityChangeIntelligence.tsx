import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { folderMatches } from '@tofui/backstage-plugin-tofui-common';
import { useCallback, useMemo } from 'react';
import { tofuiApiRef } from '../../api';
import { useKeysetPages } from '../../hooks/useKeysetPages';
import { ChangeTable } from '../ChangeTable';
import { DriftTable } from '../DriftPage';

const PAGE_SIZE = 50;

interface EntityScope {
  repository: string;
  /** `tofui.io/folders` (undefined: all folders). */
  patterns?: string[];
}

/** The entity's folders only: `tofui.io/folders`, as its folder table. */
function useInScope<T extends { folder: string }>(
  items: T[] | undefined,
  patterns?: string[],
) {
  return useMemo(
    () => items?.filter(i => folderMatches(i.folder, patterns)),
    [items, patterns],
  );
}

/** The entity's resource changes, newest run first. */
export const EntityChanges = ({ repository, patterns }: EntityScope) => {
  const api = useApi(tofuiApiRef);
  const fetchPage = useCallback(
    (page: { cursor?: string; limit: number }) =>
      api.listChanges({ repository, ...page }),
    [api, repository],
  );
  const pages = useKeysetPages(fetchPage, PAGE_SIZE);
  const items = useInScope(pages.items, patterns);
  return (
    <InfoCard title="Resource changes" noPadding>
      <ChangeTable
        label={`Resource changes of ${repository}`}
        items={items}
        loading={pages.loading}
        error={pages.error}
        hasMore={pages.hasMore}
        onLoadMore={pages.loadMore}
        empty="No resource changes indexed yet."
      />
    </InfoCard>
  );
};

/** The entity's open drift, chronic first, then the oldest. */
export const EntityDrift = ({ repository, patterns }: EntityScope) => {
  const api = useApi(tofuiApiRef);
  const fetchPage = useCallback(
    (page: { cursor?: string; limit: number }) =>
      api.listDrift({ repository, state: 'open', ...page }),
    [api, repository],
  );
  const pages = useKeysetPages(fetchPage, PAGE_SIZE);
  const items = useInScope(pages.items, patterns);
  return (
    <InfoCard title="Open drift" noPadding>
      <DriftTable
        label={`Open drift of ${repository}`}
        items={items}
        loading={pages.loading}
        error={pages.error}
        hasMore={pages.hasMore}
        onLoadMore={pages.loadMore}
        empty="No open drift."
      />
    </InfoCard>
  );
};
