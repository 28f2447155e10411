import type { Knex } from 'knex';
import type { RetentionCandidate, RetentionFilter } from '../TofuiStore';
import { isPostgres } from './ensure';
import { toDate } from './rows';

/**
 * Reports past the retention policy, oldest first: beyond the newest `keep`
 * of their folder and report type, or older than `olderThan`, but never a
 * folder's latest build or test (the dashboard's verdict rests on them).
 * Paged by id so that a dry run can walk all of them.
 */
export async function queryRetentionCandidates(
  db: Knex,
  filter: RetentionFilter,
): Promise<RetentionCandidate[]> {
  const ranked = db('reports as rp')
    .join('folders as f', 'f.id', 'rp.folder_id')
    .join('repositories as repo', 'repo.id', 'rp.repository_id')
    .select(
      'rp.id',
      'rp.report_type',
      'rp.created_at',
      'repo.owner',
      'repo.name as repo_name',
      'f.name as folder',
      db.raw(
        'row_number() over (partition by rp.folder_id, rp.report_type order by rp.created_at desc, rp.id desc) as rank',
      ),
      db.raw(
        'case when rp.id = f.latest_build_report_id or rp.id = f.latest_test_report_id then 1 else 0 end as latest',
      ),
    );
  const query = db
    .from(ranked.as('ranked'))
    .where('latest', 0)
    .where(q => {
      q.where('rank', '>', filter.keep);
      if (filter.olderThan) {
        q.orWhere(
          'created_at',
          '<',
          isPostgres(db) ? filter.olderThan : filter.olderThan.getTime(),
        );
      }
    })
    .orderBy('id')
    .limit(filter.limit);
  if (filter.afterId) {
    query.where('id', '>', filter.afterId);
  }
  const rows: Array<{
    id: string;
    report_type: 'build' | 'test';
    created_at: Date | number | string;
    owner: string;
    repo_name: string;
    folder: string;
  }> = await query;
  return rows.map(row => ({
    id: row.id,
    repository: `${row.owner}/${row.repo_name}`,
    folder: row.folder,
    reportType: row.report_type,
    createdAt: toDate(row.created_at),
  }));
}
