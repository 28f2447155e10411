import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';
import { tofuiApiRef } from '../../api';
import { useKeysetPages } from '../../hooks/useKeysetPages';
import { ChangeTable } from '../ChangeTable';
import { DriftTable } from '../DriftPage';

const PAGE_SIZE = 50;

/**
 * An entity: its ref narrows the lists to the folders it covers (its
 * repository's, narrowed by `tofui.io/folders`), on the server, so that
 * every page is full.
 */
interface EntityScope {
  entityRef: string;
  repository: string;
}

/** The entity's resource changes, newest run first. */
export const EntityChanges = ({ entityRef, repository }: EntityScope) => {
  const api = useApi(tofuiApiRef);
  const fetchPage = useCallback(
    (page: { cursor?: string; limit: number }) =>
      api.listChanges({ entity: entityRef, ...page }),
    [api, entityRef],
  );
  const pages = useKeysetPages(fetchPage, PAGE_SIZE);
  return (
    <InfoCard title="Resource changes" noPadding>
      <ChangeTable
        label={`Resource changes of ${repository}`}
        items={pages.items}
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
export const EntityDrift = ({ entityRef, repository }: EntityScope) => {
  const api = useApi(tofuiApiRef);
  const fetchPage = useCallback(
    (page: { cursor?: string; limit: number }) =>
      api.listDrift({
        entity: entityRef,
        state: 'open',
        order: 'chronic',
        ...page,
      }),
    [api, entityRef],
  );
  const pages = useKeysetPages(fetchPage, PAGE_SIZE);
  return (
    <InfoCard title="Open drift" noPadding>
      <DriftTable
        label={`Open drift of ${repository}`}
        items={pages.items}
        loading={pages.loading}
        error={pages.error}
        hasMore={pages.hasMore}
        onLoadMore={pages.loadMore}
        empty="No open drift."
      />
    </InfoCard>
  );
};
