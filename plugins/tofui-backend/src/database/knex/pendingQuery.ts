import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { folderOwners } from './folderOwners';
import type { PendingFilter, PendingItem } from '../ChangeIndexStore';
import { decodeCursor, encodeCursor } from '../cursor';
import type { Page } from '../TofuiStore';
import { READABLE_FOLDER, whereReadable } from './accessFilter';
import { repositorySlug } from './ensure';
import { toDate, toIso } from './rows';
import { whereInScope } from './summaryQuery';

/**
 * Folders whose latest plan (test report) has indexed changes and no
 * successful apply (build report) at or after it: passing, and, when its
 * log gave per-resource results, none failed or cut off. Oldest plan first by
 * (plan time, folder id). The folder's latest pointers are kept at publish,
 * so this is a join over folders, not a scan of reports.
 */
export async function queryPending(
  db: Knex,
  filter: PendingFilter,
): Promise<Page<PendingItem>> {
  const query = db('folders as f')
    .join('repositories as repo', 'repo.id', 'f.repository_id')
    .join('reports as p', 'p.id', 'f.latest_test_report_id')
    .leftJoin('reports as b', 'b.id', 'f.latest_build_report_id')
    .whereExists(
      db('resource_changes as rc')
        .select(db.raw('1'))
        .whereRaw('rc.report_id = p.id')
        .where('rc.drift', false)
        .whereNot('rc.action', 'read'),
    )
    .where(q =>
      q
        .whereNull('b.id')
        .orWhereRaw('b.created_at < p.created_at')
        .orWhereNot('b.overall_status', 'passing')
        // a passing apply whose log shows a resource failed or cut off
        .orWhereExists(
          db('resource_changes as ar')
            .select(db.raw('1'))
            .whereRaw('ar.report_id = b.id')
            .whereIn('ar.outcome', ['failed', 'in-progress']),
        ),
    )
    .select(
      'f.id as folder_id',
      'f.name as folder_name',
      'repo.owner as repo_owner',
      'repo.name as repo_name',
      'p.id as report_id',
      'p.build_name',
      'p.created_at',
    );
  if (filter.repository) {
    query.where('repo.slug', repositorySlug(filter.repository));
  }
  if (filter.scope) whereInScope(query, filter.scope, 'repo.slug', 'f.name');
  whereReadable(db, query, filter.access, READABLE_FOLDER);
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor, 2);
    if (typeof at !== 'number') {
      throw new InputError(
        'cursor is invalid; pass nextCursor from a previous page',
      );
    }
    const from = new Date(at);
    query.where(q =>
      q
        .where('p.created_at', '>', from)
        .orWhere(q2 =>
          q2.where('p.created_at', '=', from).where('f.id', '>', String(id)),
        ),
    );
  }
  const rows = await query
    .orderBy([
      { column: 'p.created_at', order: 'asc' },
      { column: 'f.id', order: 'asc' },
    ])
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const counts = await actionCounts(
    db,
    page.map(r => r.report_id),
  );
  const owners = await folderOwners(
    db,
    page.map(r => r.folder_id),
  );
  const last = rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
  return {
    items: page.map(row => ({
      repository: `${row.repo_owner}/${row.repo_name}`,
      folder: row.folder_name,
      reportId: row.report_id,
      buildName: row.build_name,
      plannedAt: toIso(row.created_at),
      ageSeconds: Math.max(
        0,
        Math.floor(
          (filter.now.getTime() - toDate(row.created_at).getTime()) / 1000,
        ),
      ),
      counts: counts.get(row.report_id) ?? {},
      owners: owners.get(String(row.folder_id)) ?? [],
    })),
    nextCursor:
      last && encodeCursor([toDate(last.created_at).getTime(), last.folder_id]),
  };
}

async function actionCounts(db: Knex, reportIds: string[]) {
  const out = new Map<string, Record<string, number>>();
  if (reportIds.length === 0) return out;
  const rows: Array<{ report_id: string; action: string; n: unknown }> =
    await db('resource_changes')
      .whereIn('report_id', reportIds)
      .where('drift', false)
      .groupBy('report_id', 'action')
      .select('report_id', 'action', db.raw('count(*) as n'));
  for (const row of rows) {
    const counts = out.get(String(row.report_id)) ?? {};
    counts[String(row.action)] = Number(row.n);
    out.set(String(row.report_id), counts);
  }
  return out;
}
