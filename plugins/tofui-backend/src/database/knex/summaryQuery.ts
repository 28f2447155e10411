import type {
  FolderSummary,
  OverallStatus,
  Report,
  StatusCounts,
} from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import { decodeCursor, encodeCursor } from '../cursor';
import type { FolderScope, Page, SummaryFilter } from '../TofuiStore';
import { READABLE_FOLDER, whereReadable } from './accessFilter';
import { isPostgres, repositorySlug } from './ensure';
import { REPORT_COLUMNS, type ReportRow, likePattern, toReport } from './rows';

const rankSql = (column: string) =>
  `CASE ${column} WHEN 'failing' THEN 0 WHEN 'unknown' THEN 1 ELSE 2 END`;

/**
 * The time of a folder's latest run (of the filtered type, or of either),
 * 0 / the epoch when it has none, so that "recent" keyset pages compare
 * plain values on both databases.
 */
function latestRunSql(db: Knex, filter: SummaryFilter): string {
  if (filter.reportType) {
    const alias = filter.reportType === 'build' ? 'b' : 't';
    return `${alias}.created_at`;
  }
  return isPostgres(db)
    ? `coalesce(greatest(b.created_at, t.created_at), 'epoch'::timestamptz)`
    : `coalesce(max(coalesce(b.created_at, 0), coalesce(t.created_at, 0)), 0)`;
}

/** Restricts folders to a scope (an owner's repositories and folders). */
export function whereInScope(
  query: Knex.QueryBuilder,
  scope: FolderScope,
  slugColumn: string,
  folderColumn: string,
) {
  if (scope.repositories.length === 0 && scope.folders.length === 0) {
    query.whereRaw('1 = 0');
    return;
  }
  query.where(inner => {
    if (scope.repositories.length > 0) {
      inner.orWhereIn(slugColumn, scope.repositories.map(repositorySlug));
    }
    for (const { repository, folders } of scope.folders) {
      inner.orWhere(one =>
        one
          .where(slugColumn, repositorySlug(repository))
          .whereIn(folderColumn, folders),
      );
    }
  });
}

/**
 * The dashboard summary: one row per folder with its latest build and test,
 * filtered and ordered in SQL and paged by keyset, plus status counts over
 * every matching folder.
 */
export async function querySummary(
  db: Knex,
  filter: SummaryFilter,
): Promise<Page<FolderSummary> & { counts: StatusCounts }> {
  const typed =
    filter.reportType && (filter.reportType === 'build' ? 'b' : 't');
  // With a report type, verdicts are that report's; otherwise the folder's.
  const statusColumn = typed ? `${typed}.overall_status` : 'f.overall_status';
  const latestRun = latestRunSql(db, filter);

  // Reports are joined only where a filter or the order needs them; the
  // page's reports are joined after the page is cut (below), so the sort
  // and the counts run over folders and repositories only.
  const sort = filter.sort ?? 'status';
  const needsReports = !!(typed || filter.since || sort === 'recent');
  const base = () => {
    const query = db('folders as f').join(
      'repositories as repo',
      'repo.id',
      'f.repository_id',
    );
    if (needsReports) {
      query
        .leftJoin('reports as b', 'b.id', 'f.latest_build_report_id')
        .leftJoin('reports as t', 't.id', 'f.latest_test_report_id');
    }
    if (filter.repository) {
      query.where('repo.slug', repositorySlug(filter.repository));
    }
    if (filter.entityRef) {
      query.where('repo.entity_ref', filter.entityRef);
    }
    if (filter.scope) {
      whereInScope(query, filter.scope, 'repo.slug', 'f.name');
    }
    whereReadable(db, query, filter.access, READABLE_FOLDER);
    if (typed) {
      query.whereNotNull(`${typed}.id`);
    }
    if (filter.overallStatus) {
      query.where(statusColumn, filter.overallStatus);
    }
    if (filter.since) {
      query.whereRaw(`${latestRun} >= ?`, [
        isPostgres(db) ? filter.since : filter.since.getTime(),
      ]);
    }
    if (filter.text) {
      const like = isPostgres(db) ? 'ILIKE' : 'LIKE';
      const pattern = likePattern(filter.text);
      query.whereRaw(
        `(repo.slug ${like} ? ESCAPE '\\' OR repo.display_name ${like} ? ESCAPE '\\' OR f.name ${like} ? ESCAPE '\\')`,
        [pattern, pattern, pattern],
      );
    }
    return query;
  };

  // The leading sort key (none for "name"), then repository and folder.
  const leadingKeys = {
    status: { sql: rankSql(statusColumn), direction: 'asc' as const },
    recent: { sql: latestRun, direction: 'desc' as const },
    name: undefined,
  };
  const leading = leadingKeys[sort];

  const cut = base()
    .select(
      'f.name as folder_name',
      'f.overall_status as folder_status',
      'f.latest_build_report_id',
      'f.latest_test_report_id',
      'repo.slug as repo_slug',
      'repo.owner as repo_owner',
      'repo.name as repo_name',
      'repo.display_name as repo_display_name',
      'repo.entity_ref as repo_entity_ref',
      ...(leading ? [db.raw(`${leading.sql} as sort_key`)] : []),
    )
    .limit(filter.limit + 1);
  if (leading) {
    cut.orderByRaw(`${leading.sql} ${leading.direction}`);
  }
  cut.orderBy(['repo.slug', 'f.name']);

  if (filter.cursor) {
    const values = decodeCursor(filter.cursor, leading ? 3 : 2);
    const [slug, name] = values.slice(-2).map(String);
    const tie = '(repo.slug > ? OR (repo.slug = ? AND f.name > ?))';
    if (leading) {
      const key = cursorKey(db, sort, values[0]);
      const beyond = leading.direction === 'asc' ? '>' : '<';
      cut.whereRaw(
        `(${leading.sql} ${beyond} ? OR (${leading.sql} = ? AND ${tie}))`,
        [key, key, slug, slug, name],
      );
    } else {
      cut.whereRaw(tie, [slug, slug, name]);
    }
  }

  const prefixed = (alias: string) =>
    REPORT_COLUMNS.map(c => `${alias}.${c} as ${alias}_${c}`);
  const page = db
    .from(cut.as('page'))
    .leftJoin('reports as b', 'b.id', 'page.latest_build_report_id')
    .leftJoin('reports as t', 't.id', 'page.latest_test_report_id')
    .select('page.*', ...prefixed('b'), ...prefixed('t'));
  if (leading) {
    page.orderBy('page.sort_key', leading.direction);
  }
  page.orderBy(['page.repo_slug', 'page.folder_name']);

  const [rows, countRows] = await Promise.all([
    page as Promise<Record<string, any>[]>,
    base()
      .select(db.raw(`${statusColumn} as status`))
      .count({ n: '*' })
      .groupByRaw(statusColumn) as Promise<
      Array<{ status: OverallStatus; n: number | string }>
    >,
  ]);

  const counts: StatusCounts = { failing: 0, unknown: 0, passing: 0, total: 0 };
  for (const { status, n } of countRows) {
    counts[status] = Number(n);
    counts.total += Number(n);
  }

  const items = rows.slice(0, filter.limit).map(toFolderSummary);
  const last = rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
  return {
    items,
    counts,
    nextCursor:
      last &&
      encodeCursor([
        ...(leading ? [cursorValue(last.sort_key)] : []),
        last.repo_slug,
        last.folder_name,
      ]),
  };
}

/** A sort key as it goes into a cursor: numbers stay, times become epoch ms. */
function cursorValue(key: unknown): string | number {
  if (key instanceof Date) return key.getTime();
  return typeof key === 'number' ? key : Number(key);
}

/** A cursor's sort key as the database compares it. */
function cursorKey(db: Knex, sort: string, value: string | number) {
  const n = Number(value);
  if (!Number.isFinite(n)) {
    return n; // NaN never matches: an empty page rather than a wrong one
  }
  return sort === 'recent' && isPostgres(db) ? new Date(n) : n;
}

function toFolderSummary(row: Record<string, any>): FolderSummary {
  const pick = (alias: string): Report | undefined => {
    if (!row[`${alias}_id`]) {
      return undefined;
    }
    const reportRow = Object.fromEntries(
      REPORT_COLUMNS.map(c => [c, row[`${alias}_${c}`]]),
    ) as unknown as ReportRow;
    reportRow.repo_owner = row.repo_owner;
    reportRow.repo_name = row.repo_name;
    reportRow.folder_name = row.folder_name;
    return toReport(reportRow);
  };
  const summary: FolderSummary = {
    repository: `${row.repo_owner}/${row.repo_name}`,
    folder: row.folder_name,
    overallStatus: row.folder_status,
  };
  if (row.repo_display_name)
    summary.repositoryDisplayName = row.repo_display_name;
  if (row.repo_entity_ref) summary.entityRef = row.repo_entity_ref;
  const latestBuild = pick('b');
  const latestTest = pick('t');
  if (latestBuild) summary.latestBuild = latestBuild;
  if (latestTest) summary.latestTest = latestTest;
  return summary;
}
