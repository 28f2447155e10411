import { useApi } from '@backstage/frontend-plugin-api';
import type { ListPendingQuery } from '@tofui/backstage-plugin-tofui-common';
import { useCallback } from 'react';
import { tofuiApiRef } from '../../api';
import { useKeysetPages } from '../../hooks/useKeysetPages';

/**
 * Pending plans for `repository` / `owner` / `entity`, oldest first, a page
 * at a time.
 */
export function usePending(
  {
    repository,
    owner,
    entity,
  }: Pick<ListPendingQuery, 'repository' | 'owner' | 'entity'>,
  pageSize: number,
) {
  const api = useApi(tofuiApiRef);
  const fetchPage = useCallback(
    (page: { cursor?: string; limit: number }) =>
      api.listPending({
        ...(repository && { repository }),
        ...(owner && { owner }),
        ...(entity && { entity }),
        ...page,
      }),
    [api, repository, owner, entity],
  );
  return useKeysetPages(fetchPage, pageSize);
}
