import type {
  Insights,
  OverallStatus,
} from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import type { InsightsFilter } from '../TofuiStore';
import { isPostgres, repositorySlug } from './ensure';
import { READABLE_FOLDER, whereReadable } from './accessFilter';
import { whereInScope } from './summaryQuery';

const DAY_MS = 24 * 60 * 60 * 1000;

function daySql(db: Knex): string {
  return isPostgres(db)
    ? `to_char(rp.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    : `strftime('%Y-%m-%d', rp.created_at / 1000, 'unixepoch')`;
}

const FAILING_SQL = `SUM(CASE WHEN rp.overall_status = 'failing' THEN 1 ELSE 0 END)`;

/**
 * The Insights aggregates, each one grouped query over the window's reports
 * (indexed by created_at), so the cost follows the window, not the history.
 */
export async function queryInsights(
  db: Knex,
  filter: InsightsFilter,
): Promise<Insights> {
  const time = (d: Date) => (isPostgres(db) ? d : d.getTime());
  const runs = () => {
    const query = db('reports as rp')
      .join('repositories as repo', 'repo.id', 'rp.repository_id')
      .join('folders as f', 'f.id', 'rp.folder_id')
      .where('rp.created_at', '>=', time(filter.from))
      .where('rp.created_at', '<', time(filter.to));
    scoped(db, query, filter);
    return query;
  };

  const [perDay, active, repositories, folders, current] = await Promise.all([
    runs()
      .select(
        db.raw(`${daySql(db)} as day`),
        'rp.report_type as type',
        'rp.overall_status as status',
      )
      .count({ n: '*' })
      .groupByRaw(
        `${daySql(db)}, rp.report_type, rp.overall_status`,
      ) as Promise<
      Array<{
        day: string;
        type: string;
        status: OverallStatus;
        n: number | string;
      }>
    >,
    runs()
      .countDistinct({ repositories: 'rp.repository_id' })
      .countDistinct({ folders: 'rp.folder_id' })
      .first() as Promise<{
      repositories: number | string;
      folders: number | string;
    }>,
    runs()
      .select('repo.owner', 'repo.name')
      .count({ reports: '*' })
      .select(db.raw(`${FAILING_SQL} as failing`))
      .groupBy('repo.id', 'repo.owner', 'repo.name')
      .orderBy([
        { column: 'reports', order: 'desc' },
        { column: 'repo.owner' },
        { column: 'repo.name' },
      ])
      .limit(filter.top) as Promise<Array<Record<string, any>>>,
    runs()
      .select('repo.owner', 'repo.name', 'f.name as folder', 'f.overall_status')
      .count({ reports: '*' })
      .select(db.raw(`${FAILING_SQL} as failing`))
      .groupBy('f.id', 'repo.owner', 'repo.name', 'f.name', 'f.overall_status')
      .havingRaw(`${FAILING_SQL} > 0`)
      .orderByRaw(`${FAILING_SQL} desc, count(*) desc`)
      .orderBy(['repo.owner', 'repo.name', 'f.name'])
      .limit(filter.top) as Promise<Array<Record<string, any>>>,
    scoped(
      db,
      db('folders as f').join(
        'repositories as repo',
        'repo.id',
        'f.repository_id',
      ),
      filter,
    )
      .select('f.overall_status as status')
      .count({ n: '*' })
      .groupBy('f.overall_status') as Promise<
      Array<{ status: OverallStatus; n: number | string }>
    >,
  ]);

  const days = new Map<string, Insights['days'][number]>();
  for (let t = filter.from.getTime(); t < filter.to.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.set(day, {
      day,
      build: 0,
      test: 0,
      passing: 0,
      failing: 0,
      unknown: 0,
    });
  }
  let reports = 0;
  let passing = 0;
  let failing = 0;
  for (const row of perDay) {
    const entry = days.get(row.day);
    const n = Number(row.n);
    reports += n;
    if (row.status === 'passing') passing += n;
    if (row.status === 'failing') failing += n;
    if (!entry) continue;
    entry[row.type === 'build' ? 'build' : 'test'] += n;
    entry[row.status] += n;
  }
  const now = { failing: 0, total: 0 };
  for (const row of current) {
    now.total += Number(row.n);
    if (row.status === 'failing') now.failing += Number(row.n);
  }

  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    days: [...days.values()],
    totals: {
      reports,
      activeRepositories: Number(active?.repositories ?? 0),
      activeFolders: Number(active?.folders ?? 0),
      passRate: passing + failing > 0 ? passing / (passing + failing) : null,
      failingFolders: now.failing,
      folders: now.total,
    },
    repositories: repositories.map(row => ({
      repository: `${row.owner}/${row.name}`,
      reports: Number(row.reports),
      failing: Number(row.failing),
    })),
    folders: folders.map(row => ({
      repository: `${row.owner}/${row.name}`,
      folder: row.folder,
      failing: Number(row.failing),
      reports: Number(row.reports),
      overallStatus: row.overall_status,
    })),
  };
}

function scoped(db: Knex, query: Knex.QueryBuilder, filter: InsightsFilter) {
  if (filter.repository) {
    query.where('repo.slug', repositorySlug(filter.repository));
  }
  if (filter.scope) {
    whereInScope(query, filter.scope, 'repo.slug', 'f.name');
  }
  return whereReadable(db, query, filter.access, READABLE_FOLDER);
}
