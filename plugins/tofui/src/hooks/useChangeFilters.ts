import type {
  ChangeAction,
  ListChangesQuery,
  ReportType,
} from '@tofui/backstage-plugin-tofui-common';
import { useCallback, useMemo } from 'react';
import { usePageQuery } from './usePageQuery';

/**
 * Every action the change index records, in the order the filter offers
 * them. Typed against the API's `ChangeAction`, so a new action in the spec
 * fails the type check here until it is offered.
 */
const ACTION_ORDER: Record<ChangeAction, number> = {
  create: 0,
  update: 1,
  replace: 2,
  delete: 3,
  import: 4,
  move: 5,
  forget: 6,
  read: 7,
};
export const CHANGE_ACTIONS = (
  Object.keys(ACTION_ORDER) as ChangeAction[]
).sort((a, b) => ACTION_ORDER[a] - ACTION_ORDER[b]);

/** The free-text filters of the Changes page, by URL key. */
export const TEXT_FILTERS = [
  'repository',
  'folder',
  'address',
  'type',
  'provider',
  'attribute',
  'branch',
  'actor',
] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

export type ChangeFilters = Partial<Record<TextFilter, string>> & {
  owner?: string;
  action?: ChangeAction[];
  reportType?: ReportType;
  /** Days, `YYYY-MM-DD` (UTC), inclusive. */
  since?: string;
  until?: string;
};
type SingleKey = Exclude<keyof ChangeFilters, 'action'>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Changes page's filters, kept in the URL's query (a search can be
 * bookmarked and shared; Back undoes a filter). Values the API would refuse
 * (an unknown action, a malformed day) are ignored.
 */
export function useChangeFilters() {
  const { params, setParam, setParams } = usePageQuery();
  const filters = useMemo(() => {
    const result: ChangeFilters = {};
    for (const key of [...TEXT_FILTERS, 'owner'] as const) {
      const value = params.get(key)?.trim();
      if (value) result[key] = value;
    }
    const actions = params
      .getAll('action')
      .filter((a): a is ChangeAction => a in ACTION_ORDER);
    if (actions.length) result.action = [...new Set(actions)];
    const reportType = params.get('reportType');
    if (reportType === 'build' || reportType === 'test') {
      result.reportType = reportType;
    }
    for (const key of ['since', 'until'] as const) {
      const value = params.get(key);
      if (value && DAY.test(value)) result[key] = value;
    }
    return result;
  }, [params]);

  const setFilter = useCallback(
    (key: SingleKey, value?: string) =>
      // typing replaces the entry; a choice adds one Back can undo
      setParam(key, value, {
        replace: (TEXT_FILTERS as readonly string[]).includes(key),
      }),
    [setParam],
  );
  const setActions = useCallback(
    (actions: ChangeAction[]) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        next.delete('action');
        actions.forEach(a => next.append('action', a));
        return next;
      }),
    [setParams],
  );
  const clear = useCallback(() => setParams({}), [setParams]);
  return { filters, setFilter, setActions, clear };
}

/** The API query of a set of filters: days become UTC instants. */
export function toChangesQuery(filters: ChangeFilters): ListChangesQuery {
  const { since, until, ...rest } = filters;
  const query: ListChangesQuery = { ...rest };
  if (since) query.since = `${since}T00:00:00.000Z`;
  if (until) {
    // inclusive: up to the end of that day
    const end = new Date(`${until}T00:00:00.000Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    query.until = end.toISOString();
  }
  return query;
}
