import type { Page } from '@tofui/backstage-plugin-tofui-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useReloadShownOnChange } from './useReportsChanged';

/** The API's largest page: a refresh rereads at most this many items. */
const MAX_REFRESH = 500;

/**
 * A list read a page at a time by keyset cursor ("Load more" follows the
 * API's `nextCursor`). `fetchPage` is called again from the first page
 * whenever it changes (new filters), and answers to an older `fetchPage`
 * are dropped, so a slow answer never overwrites a newer filter's rows.
 * When the backend signals that reports changed (published, indexed), the
 * list is read again from the top, as many items as it shows.
 */
export function useKeysetPages<T>(
  fetchPage: (page: { cursor?: string; limit: number }) => Promise<Page<T>>,
  pageSize: number,
) {
  const [items, setItems] = useState<T[]>();
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const current = useRef(fetchPage);

  const load = useCallback(
    async (after?: string, limit = pageSize) => {
      current.current = fetchPage;
      setLoading(true);
      setError(undefined);
      try {
        const page = await fetchPage({ cursor: after, limit });
        if (current.current !== fetchPage) return;
        setItems(previous =>
          after ? [...(previous ?? []), ...page.items] : page.items,
        );
        setCursor(page.nextCursor);
      } catch (e) {
        if (current.current === fetchPage) setError(e as Error);
      } finally {
        if (current.current === fetchPage) setLoading(false);
      }
    },
    [fetchPage, pageSize],
  );

  useEffect(() => {
    setItems(undefined);
    load();
  }, [load]);

  useReloadShownOnChange(items?.length ?? 0, pageSize, MAX_REFRESH, limit =>
    load(undefined, limit),
  );

  return {
    items,
    loading,
    error,
    hasMore: !!cursor,
    loadMore: useCallback(() => load(cursor), [load, cursor]),
    reload: useCallback(() => load(), [load]),
  };
}
