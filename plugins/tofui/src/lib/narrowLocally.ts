import type {
  FolderSummary,
  SummaryQuery,
} from '@tofui/backstage-plugin-tofui-common';

/** The filters that can be checked on a loaded row, as the server checks them. */
const LOCAL_KEYS = ['repository', 'status', 'type', 'since', 'q'] as const;

function matchesText(item: FolderSummary, text: string): boolean {
  const needle = text.toLocaleLowerCase();
  return [item.repository, item.repositoryDisplayName ?? '', item.folder].some(
    field => field.toLocaleLowerCase().includes(needle),
  );
}

function matches(item: FolderSummary, query: SummaryQuery): boolean {
  const byType = { build: item.latestBuild, test: item.latestTest };
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
  for (const key of LOCAL_KEYS) {
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
  return items.filter(item => matches(item, to));
}
