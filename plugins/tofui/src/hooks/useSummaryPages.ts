import { useApi } from '@backstage/frontend-plugin-api';
import type {
  FolderSummary,
  StatusCounts,
  StatusType,
  SummaryQuery,
} from '@tofui/backstage-plugin-tofui-common';
import {
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { tofuiApiRef } from '../api';
import { useReloadShownOnChange } from './useReportsChanged';

/** Rows per page: what a screen shows a few times over, cheap to draw. */
export const SUMMARY_PAGE_SIZE = 50;
/** A live refresh reloads what is shown, up to this many folders. */
const MAX_REFRESH = 1000;

export interface SummaryPages {
  items?: FolderSummary[];
  /** The query `items` answer (the previous one while a new one loads). */
  loadedQuery?: SummaryQuery;
  counts?: StatusCounts;
  statusTypes: StatusType[];
  hasMore: boolean;
  loading: boolean;
  error?: Error;
  loadMore(): void;
}

/**
 * The dashboard's folders for a query, a page at a time, filtered and
 * ordered by the server. What is shown stays until the next answer arrives
 * (no flashing while filtering), and an answer to an older query is dropped.
 * Live updates reload the rows already shown in one request.
 */
export function useSummaryPages(query: SummaryQuery): SummaryPages {
  const api = useApi(tofuiApiRef);
  const [items, setItems] = useState<FolderSummary[]>();
  const [loadedQuery, setLoadedQuery] = useState<SummaryQuery>();
  const [counts, setCounts] = useState<StatusCounts>();
  const [statusTypes, setStatusTypes] = useState<StatusType[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const generation = useRef(0);
  const statusTypesOnce = useMemo(() => api.listStatusTypes(), [api]);
  const key = JSON.stringify(query);

  const load = useCallback(
    async (options: { after?: string; limit: number }) => {
      const mine = ++generation.current;
      setLoading(true);
      try {
        // Rows and status types arrive together, so the rows draw once.
        const [page, types] = await Promise.all([
          api.getSummary({
            ...(JSON.parse(key) as SummaryQuery),
            limit: options.limit,
            ...(options.after && { cursor: options.after }),
          }),
          statusTypesOnce,
        ]);
        if (mine !== generation.current) return;
        // A transition: React draws the rows in slices of a few
        // milliseconds, yielding to input in between, instead of one long
        // task (what Lighthouse counts as blocking time on a slow phone).
        startTransition(() => {
          setStatusTypes(types);
          setLoadedQuery(JSON.parse(key) as SummaryQuery);
          setItems(previous =>
            options.after ? [...(previous ?? []), ...page.items] : page.items,
          );
          setCounts(page.counts);
          setCursor(page.nextCursor);
          setError(undefined);
          setLoading(false);
        });
      } catch (e) {
        if (mine === generation.current) {
          setError(e as Error);
          setLoading(false);
        }
      }
    },
    [api, key, statusTypesOnce],
  );

  useEffect(() => {
    load({ limit: SUMMARY_PAGE_SIZE });
  }, [load]);

  useReloadShownOnChange(
    items?.length ?? 0,
    SUMMARY_PAGE_SIZE,
    MAX_REFRESH,
    limit => load({ limit }),
  );

  return {
    items,
    loadedQuery,
    counts,
    statusTypes,
    hasMore: !!cursor,
    loading,
    error,
    loadMore: () => load({ after: cursor, limit: SUMMARY_PAGE_SIZE }),
  };
}
