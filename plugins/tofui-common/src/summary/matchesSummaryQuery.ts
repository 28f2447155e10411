import type { FolderSummary, SummaryQuery } from '../types';

/** The filters of a summary query that can be checked on a loaded row. @public */
export const LOCAL_SUMMARY_FILTERS = [
  'repository',
  'status',
  'type',
  'since',
  'q',
] as const;

function matchesText(item: FolderSummary, text: string): boolean {
  const needle = text.toLocaleLowerCase();
  return [item.repository, item.repositoryDisplayName ?? '', item.folder].some(
    field => field.toLocaleLowerCase().includes(needle),
  );
}

/**
 * Whether a folder's summary row matches a summary query's repository,
 * status, type, since and text filters, by the rules the server's SQL
 * applies (owner, entity and paging need the server). The shared case
 * table (`@tofui/backstage-plugin-tofui-common/testUtils`) holds both to it.
 *
 * @public
 */
export function matchesSummaryQuery(
  item: FolderSummary,
  query: Pick<SummaryQuery, (typeof LOCAL_SUMMARY_FILTERS)[number]>,
): boolean {
  const byType = { build: item.latestBuild, test: item.latestTest };
  // With a report type, a folder needs such a report and is judged by it.
  const judged = query.type ? byType[query.type] : undefined;
  if (query.type && !judged) return false;
  if (query.status) {
    const verdict = judged ? judged.overallStatus : item.overallStatus;
    if (verdict !== query.status) return false;
  }
  if (
    query.repository &&
    item.repository.toLowerCase() !== query.repository.toLowerCase()
  ) {
    return false;
  }
  if (query.since) {
    const runs = judged ? [judged] : [item.latestBuild, item.latestTest];
    const latest = Math.max(
      ...runs.map(r => (r ? Date.parse(r.createdAt) : 0)),
    );
    if (latest < Date.parse(query.since)) return false;
  }
  return !query.q || matchesText(item, query.q);
}
