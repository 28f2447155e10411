import type {
  OverallStatus,
  ReportType,
  SummaryQuery,
} from '@tofui/backstage-plugin-tofui-common';
import { useCallback, useMemo } from 'react';
import { usePageQuery } from './usePageQuery';

/** Time windows the dashboard offers, in hours. */
export const TIME_WINDOWS = {
  '24h': 24,
  '7d': 24 * 7,
  '30d': 24 * 30,
} as const;
export type TimeWindow = keyof typeof TIME_WINDOWS;
export type SortOrder = NonNullable<SummaryQuery['sort']>;

export interface DashboardFilters {
  q?: string;
  repository?: string;
  owner?: string;
  status?: OverallStatus;
  type?: ReportType;
  since?: TimeWindow;
  sort?: SortOrder;
}

const KEYS: Array<keyof DashboardFilters> = [
  'q',
  'repository',
  'owner',
  'status',
  'type',
  'since',
  'sort',
];
const ALLOWED: Partial<Record<keyof DashboardFilters, readonly string[]>> = {
  status: ['passing', 'failing', 'unknown'],
  type: ['build', 'test'],
  since: Object.keys(TIME_WINDOWS),
  sort: ['status', 'name', 'recent'],
};

/**
 * The dashboard's filters, kept in the URL's query so a filtered view can be
 * bookmarked and shared, and Back undoes a filter. Unknown values are ignored.
 */
export function useDashboardFilters() {
  const { params, setParam } = usePageQuery();
  const filters = useMemo(() => {
    const result: DashboardFilters = {};
    for (const key of KEYS) {
      const value = params.get(key)?.trim();
      if (value && (!ALLOWED[key] || ALLOWED[key]!.includes(value))) {
        (result as Record<string, string>)[key] = value;
      }
    }
    return result;
  }, [params]);

  const setFilter = useCallback(
    <K extends keyof DashboardFilters>(key: K, value?: DashboardFilters[K]) =>
      setParam(key, value, { replace: key === 'q' }),
    [setParam],
  );
  return { filters, setFilter };
}

/** The summary query for a set of filters (relative times resolved now). */
export function toSummaryQuery(
  filters: DashboardFilters,
  now = Date.now(),
): SummaryQuery {
  const { since, ...rest } = filters;
  const query: SummaryQuery = { ...rest };
  if (since) {
    query.since = new Date(now - TIME_WINDOWS[since] * 3600_000).toISOString();
  }
  return query;
}
