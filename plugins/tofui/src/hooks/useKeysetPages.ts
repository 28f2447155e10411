import type { Page } from '@tofui/backstage-plugin-tofui-common';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A list read a page at a time by keyset cursor ("Load more" follows the
 * API's `nextCursor`). `fetchPage` is called again from the first page
 * whenever it changes (new filters), and answers to an older `fetchPage`
 * are dropped, so a slow answer never overwrites a newer filter's rows.
 */
export function useKeysetPages<T>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
) {
  const [items, setItems] = useState<T[]>();
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const current = useRef(fetchPage);

  const load = useCallback(
    async (after?: string) => {
      current.current = fetchPage;
      setLoading(true);
      setError(undefined);
      try {
        const page = await fetchPage(after);
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
    [fetchPage],
  );

  useEffect(() => {
    setItems(undefined);
    load();
  }, [load]);

  return {
    items,
    loading,
    error,
    hasMore: !!cursor,
    loadMore: useCallback(() => load(cursor), [load, cursor]),
    reload: useCallback(() => load(), [load]),
  };
}
