import {
  type FolderSummary,
  LOCAL_SUMMARY_FILTERS,
  matchesSummaryQuery,
  type SummaryQuery,
} from '@tofui/backstage-plugin-tofui-common';

/**
 * The rows loaded for one query, narrowed to a stricter one while the
 * server answers it: instant feedback that is never wrong, because the
 * server's answer to the stricter query contains every row kept here (the
 * same rules, same order). Undefined when `to` is not a narrowing of `from`
 * (a filter removed or changed, a new owner or order): those need the server.
 */
export function narrowLocally(
  items: FolderSummary[],
  from: SummaryQuery,
  to: SummaryQuery,
): FolderSummary[] | undefined {
  if ((from.sort ?? 'status') !== (to.sort ?? 'status')) return undefined;
  if ((from.owner ?? '') !== (to.owner ?? '')) return undefined;
  if ((from.entity ?? '') !== (to.entity ?? '')) return undefined;
  for (const key of LOCAL_SUMMARY_FILTERS) {
    const before = from[key];
    const after = to[key];
    if (before === undefined) continue;
    if (
      key === 'q' &&
      typeof after === 'string' &&
      after.toLowerCase().includes(String(before).toLowerCase())
    ) {
      continue; // a longer search text only narrows
    }
    if (
      key === 'since' &&
      after !== undefined &&
      Date.parse(String(after)) >= Date.parse(String(before))
    ) {
      continue; // a later time only narrows
    }
    if (after !== before) return undefined;
  }
  return items.filter(item => matchesSummaryQuery(item, to));
}
