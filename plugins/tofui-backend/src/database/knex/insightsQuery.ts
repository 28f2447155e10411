import type {
  Insights,
  OverallStatus,
} from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import type { InsightsFilter } from '../TofuiStore';
import { repositorySlug } from './ensure';
import { READABLE_FOLDER, whereReadable } from './accessFilter';
import { whereInScope } from './summaryQuery';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A UTC date as report_rollups keys it. */
const dayKey = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The Insights aggregates, summed from the daily per-folder rollups that
 * triggers on `reports` keep (migration 20261202120000): the cost follows
 * the folders active in the window and its days, never the reports. `from`
 * and `to` are UTC midnights, as the service passes them.
 */
export async function queryInsights(
  db: Knex,
  filter: InsightsFilter,
): Promise<Insights> {
  const filtered = Boolean(filter.repository || filter.scope || filter.access);
  /** The window's rollup rows `ru`; with `repo` and `f` when filtered. */
  const rollups = () => {
    const query = db('report_rollups as ru')
      .where('ru.day', '>=', dayKey(filter.from))
      .where('ru.day', '<', dayKey(filter.to))
      .where('ru.reports', '>', 0);
    if (filtered) {
      query
        .join('repositories as repo', 'repo.id', 'ru.repository_id')
        .join('folders as f', 'f.id', 'ru.folder_id');
      scoped(db, query, filter);
    }
    return query;
  };
  /** Every folder `f`, active or not; with `repo` when filtered. */
  const allFolders = () => {
    const query = db('folders as f');
    if (filtered) {
      query.join('repositories as repo', 'repo.id', 'f.repository_id');
      scoped(db, query, filter);
    }
    return query;
  };

  // Four statements at once, each grouping the window's rows one way: by
  // day; by repository (the top ones, and how many were active); by folder
  // (the most failing, and how many were active, from one aggregate); and
  // the folders' current status.
  const [perDay, repositories, folders, current] = await Promise.all([
    rollups()
      .select('ru.day')
      .sum({
        reports: 'ru.reports',
        builds: 'ru.builds',
        passing: 'ru.passing',
        failing: 'ru.failing',
        unknown: 'ru.unknown',
      })
      .groupBy('ru.day') as Promise<Array<Record<string, string | number>>>,
    // Aggregated per repository first, named after: the names join a
    // repository's total, not each of its days. The count is taken before
    // the limit: every active repository.
    db
      .from(
        rollups()
          .select('ru.repository_id', db.raw('COUNT(*) OVER () AS active'))
          .sum({ reports: 'ru.reports', failing: 'ru.failing' })
          .groupBy('ru.repository_id')
          .as('a'),
      )
      .join('repositories as repo', 'repo.id', 'a.repository_id')
      .select('repo.owner', 'repo.name', 'a.reports', 'a.failing', 'a.active')
      .orderBy([
        { column: 'a.reports', order: 'desc' },
        { column: 'repo.owner' },
        { column: 'repo.name' },
      ])
      .limit(filter.top) as Promise<Array<Record<string, any>>>,
    mostFailingFolders(
      db,
      rollups()
        .select('ru.folder_id')
        .sum({ reports: 'ru.reports', failing: 'ru.failing' })
        .groupBy('ru.folder_id')
        // in the per-folder index's order: Postgres then sums each folder's
        // days as it reads them from that index (20261204090000) instead of
        // hashing every row of the window
        .orderBy('ru.folder_id'),
      filter.top,
    ),
    allFolders()
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
    const n = (key: string) => Number(row[key] ?? 0);
    reports += n('reports');
    passing += n('passing');
    failing += n('failing');
    const entry = days.get(String(row.day));
    if (!entry) continue;
    entry.build += n('builds');
    entry.test += n('reports') - n('builds');
    entry.passing += n('passing');
    entry.failing += n('failing');
    entry.unknown += n('unknown');
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
      activeRepositories: Number(repositories[0]?.active ?? 0),
      activeFolders: Number(folders[0]?.active ?? 0),
      passRate: passing + failing > 0 ? passing / (passing + failing) : null,
      failingFolders: now.failing,
      folders: now.total,
    },
    repositories: repositories.map(row => ({
      repository: `${row.owner}/${row.name}`,
      reports: Number(row.reports),
      failing: Number(row.failing),
    })),
    folders: folders
      .filter(row => row.folder !== null)
      .map(row => ({
        repository: `${row.owner}/${row.repository_name}`,
        folder: row.folder,
        failing: Number(row.failing),
        reports: Number(row.reports),
        overallStatus: row.overall_status,
      })),
  };
}

/** The order of the most failing folders, by the names the query gives them. */
const MOST_FAILING_FIRST = [
  { column: 'failing', order: 'desc' },
  { column: 'reports', order: 'desc' },
  { column: 'owner' },
  { column: 'repository_name' },
  { column: 'folder' },
];

/**
 * The `top` folders with the most failing reports in the window, and the
 * number of folders active in it, from one aggregate per folder (`perFolder`:
 * folder_id, reports, failing): grouping the window's rows by folder is the
 * costly part, so it is done once. The count comes on every row, and on a
 * row of nulls when no folder failed (the left join keeps it).
 */
function mostFailingFolders(
  db: Knex,
  perFolder: Knex.QueryBuilder,
  top: number,
): Promise<Array<Record<string, any>>> {
  return db
    .with('per_folder', perFolder)
    .from(db('per_folder').count({ active: '*' }).as('c'))
    .leftJoin(
      db('per_folder as a')
        .join('folders as f', 'f.id', 'a.folder_id')
        .join('repositories as repo', 'repo.id', 'f.repository_id')
        .where('a.failing', '>', 0)
        .select(
          'repo.owner',
          // named apart from f.name: SQLite reads an ORDER BY name as either
          'repo.name as repository_name',
          'f.name as folder',
          'f.overall_status',
          'a.reports',
          'a.failing',
        )
        .orderBy(MOST_FAILING_FIRST)
        .limit(top)
        .as('t'),
      db.raw('1 = 1'),
    )
    .select('c.active', 't.*')
    .orderBy(MOST_FAILING_FIRST);
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
