import type { ReportType } from '@tofui/backstage-plugin-tofui-common';
import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { addressGlob } from '../../changes/addressGlob';
import type { ComparedChange } from '../../changes/compareChanges';
import type { ChangeAction } from '../../changes/planChanges';
import type { ChangeFilter, ChangeItem } from '../ChangeIndexStore';
import { decodeCursor, encodeCursor } from '../cursor';
import type { FolderScope, Page } from '../TofuiStore';
import { READABLE_FOLDER, whereReadable } from './accessFilter';
import { isPostgres, repositorySlug } from './ensure';
import { likePattern, toDate, toIso } from './rows';
import { whereInScope } from './summaryQuery';

/** Rows read per round when a filter runs in code (address globs on SQLite). */
const SCAN_BATCH = 500;

export interface ChangeRow {
  id: string | number;
  report_id: string;
  repo_owner: string;
  repo_name: string;
  folder_name: string;
  address: string;
  module: string | null;
  resource_type: string;
  provider: string | null;
  action: ChangeAction;
  reason: string | null;
  forcing: string | null;
  attributes: string;
  moved_from: string | null;
  importing_id: string | null;
  drift: boolean | number;
  outcome: string | null;
  created_at: Date | number | string;
  build_name: string;
  report_type: ReportType;
  branch: string | null;
  pull_request: number | null;
  actor: string | null;
  commit_sha: string | null;
}

/** resource_changes `rc` with its repository `repo` and folder `f`. */
export function changeRows(db: Knex): Knex.QueryBuilder {
  return db('resource_changes as rc')
    .join('repositories as repo', 'repo.id', 'rc.repository_id')
    .join('folders as f', 'f.id', 'rc.folder_id')
    .select(
      'rc.*',
      'repo.owner as repo_owner',
      'repo.name as repo_name',
      'f.name as folder_name',
    );
}

export function toChangeItem(row: ChangeRow): ChangeItem {
  const opt = <T>(value: T | null) => value ?? undefined;
  return {
    reportId: row.report_id,
    repository: `${row.repo_owner}/${row.repo_name}`,
    folder: row.folder_name,
    address: row.address,
    module: opt(row.module),
    type: row.resource_type,
    provider: opt(row.provider),
    action: row.action,
    reason: opt(row.reason),
    forcing: row.forcing ? JSON.parse(row.forcing) : [],
    attributes: JSON.parse(row.attributes),
    movedFrom: opt(row.moved_from),
    importingId: opt(row.importing_id),
    drift: Boolean(row.drift),
    outcome: opt(row.outcome) as ChangeItem['outcome'],
    createdAt: toIso(row.created_at),
    buildName: row.build_name,
    reportType: row.report_type,
    branch: opt(row.branch),
    pullRequest: opt(row.pull_request),
    actor: opt(row.actor),
    commitSha: opt(row.commit_sha),
  };
}

/**
 * Where a JSON array of attribute paths holds `path` or a path under it
 * (`tags` finds `tags.Team`): a substring of the stored JSON text, compared
 * case-sensitively on both databases. On Postgres a LIKE, which the trigram
 * index on `attributes` serves (migration 20261202110000).
 */
function whereAttribute(db: Knex, query: Knex.QueryBuilder, path: string) {
  const quoted = JSON.stringify(path).slice(0, -1);
  const needles = [`${quoted}"`, `${quoted}.`, `${quoted}[`];
  query.where(q => {
    for (const needle of needles) {
      if (isPostgres(db)) {
        q.orWhereRaw(`rc.attributes LIKE ? ESCAPE '\\'`, [likePattern(needle)]);
      } else {
        q.orWhereRaw('instr(rc.attributes, ?) > 0', [needle]);
      }
    }
  });
}

/**
 * An owner's scope on the change rows' own repository and folder ids, so
 * that the planner can read the rows by the (repository_id | folder_id,
 * created_at, id) indexes instead of joining every row to its names first.
 */
function whereChangeInScope(
  db: Knex,
  query: Knex.QueryBuilder,
  scope: FolderScope,
) {
  const repositories = db('repositories as repo').select('repo.id');
  whereInScope(
    repositories,
    { repositories: scope.repositories, folders: [] },
    'repo.slug',
    'repo.slug',
  );
  const folders = scopeFolderIds(db, scope);
  query.where(inner => {
    inner.whereIn('rc.repository_id', repositories);
    if (scope.folders.length > 0) inner.orWhereIn('rc.folder_id', folders);
  });
}

type Glob = ReturnType<typeof addressGlob>;

/**
 * The search's filters on resource_changes `rc` but the cursor and the text ones
 * (applyTextFilters); with the resource type an address glob fixes.
 */
function applyFilters(
  db: Knex,
  query: Knex.QueryBuilder,
  f: ChangeFilter,
  glob: Glob | undefined,
) {
  if (glob?.type) query.where('rc.resource_type', glob.type);
  // By the rows' own ids (one id: a scalar subquery), so that the planner
  // reads the (repository_id | folder_id, …, created_at, id) indexes.
  const repositoryId = (slug: string) =>
    db('repositories').where('slug', repositorySlug(slug)).first('id');
  if (f.repository && f.folder) {
    query.where(
      'rc.folder_id',
      db('folders')
        .where({ repository_id: repositoryId(f.repository), name: f.folder })
        .first('id'),
    );
  } else if (f.repository) {
    query.where('rc.repository_id', repositoryId(f.repository));
  } else if (f.folder) {
    query.whereIn(
      'rc.folder_id',
      db('folders').where('name', f.folder).select('id'),
    );
  }
  if (f.scope) whereChangeInScope(db, query, f.scope);
  if (f.exactAddress) query.where('rc.address', f.exactAddress);
  if (f.type) query.where('rc.resource_type', f.type);
  if (f.provider) query.where('rc.provider', f.provider);
  if (f.actions?.length) query.whereIn('rc.action', f.actions);
  if (f.reportType) query.where('rc.report_type', f.reportType);
  if (f.branch) query.where('rc.branch', f.branch);
  if (f.actor) query.where('rc.actor', f.actor);
  if (f.drift !== undefined) query.where('rc.drift', f.drift);
  if (f.since) query.where('rc.created_at', '>=', f.since);
  if (f.until) query.where('rc.created_at', '<', f.until);
  whereReadable(db, query, f.access, {
    ...READABLE_FOLDER,
    folderId: 'rc.folder_id',
    repositoryId: 'rc.repository_id',
  });
}

/**
 * The address glob and attribute filters, on rows `rc`. On SQLite the glob
 * is a LIKE that narrows rows (its regular expression is checked in code).
 */
function applyTextFilters(
  db: Knex,
  query: Knex.QueryBuilder,
  f: ChangeFilter,
  glob: Glob | undefined,
) {
  if (f.attribute) whereAttribute(db, query, f.attribute);
  if (glob && isPostgres(db)) {
    query.whereRaw('rc.address ~ ?', [glob.regex]);
  } else if (glob) {
    query.whereRaw(`rc.address LIKE ? ESCAPE '\\'`, [glob.like]);
  }
}

const NEWEST_FIRST = [
  { column: 'rc.created_at', order: 'desc' as const },
  { column: 'rc.id', order: 'desc' as const },
];

/**
 * Changes newest first by (created_at, id), keyset-paged. An address glob
 * is a regular expression in SQL on Postgres; on SQLite (no REGEXP) a LIKE
 * narrows the rows in SQL and the expression is checked here, reading
 * batches until the page is full.
 */
export async function queryChanges(
  db: Knex,
  filter: ChangeFilter,
): Promise<Page<ChangeItem>> {
  const glob = filter.address ? addressGlob(filter.address) : undefined;
  const start = filter.cursor ? decodePosition(filter.cursor) : undefined;
  const search: Search = {
    db,
    filter,
    glob,
    scope:
      filter.scope && isPostgres(db)
        ? await scopeIds(db, filter.scope)
        : undefined,
  };
  // Within a scope, each repository's and folder's rows are few enough to
  // be filtered in its index as it is walked (newestKeys).
  const found =
    isPostgres(db) && (glob || filter.attribute) && !search.scope
      ? await scanThenSearch(search, start)
      : await searchInBatches(search, start);
  const last =
    found.length > filter.limit ? found[filter.limit - 1] : undefined;
  return {
    items: found.slice(0, filter.limit).map(toChangeItem),
    nextCursor:
      last &&
      encodeCursor([toDate(last.created_at).getTime(), String(last.id)]),
  };
}

interface Search {
  db: Knex;
  filter: ChangeFilter;
  glob: Glob | undefined;
  /** An owner's scope as ids, on Postgres (see newestKeys). */
  scope?: { repositoryIds: string[]; folderIds: string[] };
}

/** The ids of the folders a scope names one by one (a query). */
function scopeFolderIds(db: Knex, scope: FolderScope) {
  const folders = db('folders as f')
    .join('repositories as repo', 'repo.id', 'f.repository_id')
    .select('f.id');
  whereInScope(
    folders,
    { repositories: [], folders: scope.folders },
    'repo.slug',
    'f.name',
  );
  return folders;
}

/** The ids of a scope's repositories and folders. */
async function scopeIds(db: Knex, scope: FolderScope) {
  const repositoryIds: string[] = scope.repositories.length
    ? await db('repositories')
        .whereIn('slug', scope.repositories.map(repositorySlug))
        .pluck('id')
    : [];
  const folderIds: string[] = scope.folders.length
    ? (await scopeFolderIds(db, scope)).map((r: { id: string }) => r.id)
    : [];
  return { repositoryIds, folderIds };
}

type Sql = { sql: string; bindings: readonly Knex.Value[] };

/** The keyset's columns, which the search's page is cut by. */
const KEY_COLUMNS = ['rc.id', 'rc.created_at'];
/** The keyset's columns and those the search's text filters read. */
function textColumns(filter: ChangeFilter, glob: Glob | undefined) {
  return [
    ...KEY_COLUMNS,
    ...(glob ? ['rc.address'] : []),
    ...(filter.attribute ? ['rc.attributes'] : []),
  ];
}

/**
 * The SQL of `columns` of the newest `limit` rows `rc` of the search after
 * `position`, with the text filters or without; resource_changes only, so
 * that on Postgres an index that carries the filtered columns answers it
 * without reading the rows (migration 20261202140000). With an owner's
 * scope on Postgres, the newest rows of each of its repositories and
 * folders are read by their own keyset index and merged (a scope spans a
 * few of thousands, and the planner would otherwise sort every row of
 * them, or walk the fleet's).
 */
function newestKeys(
  { db, filter, glob, scope }: Search,
  position: Position | undefined,
  limit: number,
  withText: boolean,
  columns: string[],
): Sql {
  const rows = (key?: 'repository_id' | 'folder_id') => {
    const query = db('resource_changes as rc').select(columns);
    applyFilters(
      db,
      query,
      key ? { ...filter, scope: undefined } : filter,
      glob,
    );
    if (withText) applyTextFilters(db, query, filter, glob);
    if (position) afterPosition(query, position);
    if (key) query.whereRaw(`rc.${key} = s.id`);
    return query.orderBy(NEWEST_FIRST).limit(limit).toSQL();
  };
  if (!scope) {
    return rows();
  }
  const byRepository = rows('repository_id');
  const byFolder = rows('folder_id');
  return {
    sql: `SELECT m.* FROM (
        SELECT m1.* FROM unnest(?::uuid[]) AS s(id) CROSS JOIN LATERAL (${byRepository.sql}) m1
        UNION ALL
        SELECT m2.* FROM unnest(?::uuid[]) AS s(id) CROSS JOIN LATERAL (${byFolder.sql}) m2
      ) m ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    bindings: [
      scope.repositoryIds,
      ...byRepository.bindings,
      scope.folderIds,
      ...byFolder.bindings,
      limit,
    ],
  };
}

/** The whole rows (changeRows) of the keys `page` selects, newest first. */
function namedRows(db: Knex, page: Sql): Sql {
  return changeRows(db)
    .join(db.raw(`(${page.sql}) AS page`, page.bindings), 'page.id', 'rc.id')
    .orderBy(NEWEST_FIRST)
    .toSQL();
}

/** Up to `limit + 1` rows, the glob checked in code on SQLite. */
async function searchInBatches(
  search: Search,
  start: Position | undefined,
): Promise<ChangeRow[]> {
  const { db, filter, glob } = search;
  const inCode = glob && !isPostgres(db) ? new RegExp(glob.regex) : undefined;
  const batch = inCode
    ? Math.max(SCAN_BATCH, filter.limit + 1)
    : filter.limit + 1;
  const found: ChangeRow[] = [];
  let position = start;
  for (;;) {
    const { sql, bindings } = namedRows(
      db,
      newestKeys(search, position, batch, true, KEY_COLUMNS),
    );
    const result = await db.raw(sql, bindings);
    const rows: ChangeRow[] = isPostgres(db) ? result.rows : result;
    for (const row of rows) {
      if (!inCode || inCode.test(row.address)) found.push(row);
      if (found.length > filter.limit) break;
    }
    if (found.length > filter.limit || rows.length < batch) return found;
    const last = rows[rows.length - 1];
    position = { at: toDate(last.created_at), id: String(last.id) };
  }
}

/**
 * Rows read newest first in the first round before the text filters, on
 * Postgres, growing `growth` times per round; rounds before the planner's
 * own plan finishes the page (500 + 2,000 + 8,000 + 32,000 rows). Changed
 * by tests only, to reach every path with few rows.
 */
export const TEXT_FILTER_SCAN = { rows: 500, growth: 4, rounds: 4 };

/**
 * Up to `limit + 1` rows with an address glob or attribute filter, on
 * Postgres. Such a filter usually matches many rows (`**.aws_iam_role.*`,
 * `tags`), and the planner, which cannot estimate a regular expression or
 * an infix LIKE, would fetch every match through the trigram index and
 * sort them (seconds on millions of rows) to return 50. So the newest rows
 * of the other filters are read first, by their (…, created_at, id) index,
 * in growing rounds (TEXT_FILTER_SCAN), and filtered in SQL; only a filter
 * that rare (under 51 in 42,500 rows) is left to the planner, where the
 * trigram indexes pay off.
 */
async function scanThenSearch(
  search: Search,
  start: Position | undefined,
): Promise<ChangeRow[]> {
  const { db, filter, glob } = search;
  const want = filter.limit + 1;
  const found: ChangeRow[] = [];
  let position = start;
  let rows = TEXT_FILTER_SCAN.rows;
  for (
    let round = 0;
    round < TEXT_FILTER_SCAN.rounds;
    round += 1, rows *= TEXT_FILTER_SCAN.growth
  ) {
    const scan = newestKeys(
      search,
      position,
      rows,
      false,
      textColumns(filter, glob),
    );
    const hits = db.from('scan as rc').select(KEY_COLUMNS);
    applyTextFilters(db, hits, filter, glob);
    hits.orderBy(NEWEST_FIRST).limit(want - found.length);
    const h = namedRows(db, hits.toSQL());
    const { rows: result } = await db.raw(
      `WITH scan AS MATERIALIZED (${scan.sql})
       SELECT hits.*, edge.scanned, edge.edge_at, edge.edge_id
       FROM (SELECT (SELECT count(*) FROM scan) AS scanned,
                    oldest.created_at AS edge_at, oldest.id AS edge_id
             FROM (SELECT 1) one
             LEFT JOIN LATERAL (SELECT created_at, id FROM scan
                                ORDER BY created_at, id LIMIT 1) oldest ON true) edge
       LEFT JOIN LATERAL (${h.sql}) hits ON true`,
      [...scan.bindings, ...h.bindings],
    );
    for (const row of result) {
      if (row.id !== null) found.push(row);
    }
    const [edge] = result;
    if (found.length >= want || Number(edge.scanned) < rows) {
      return found;
    }
    position = { at: toDate(edge.edge_at), id: String(edge.edge_id) };
  }
  const rest = namedRows(
    db,
    newestKeys(search, position, want - found.length, true, KEY_COLUMNS),
  );
  found.push(...(await db.raw(rest.sql, rest.bindings)).rows);
  return found;
}

interface Position {
  at: Date;
  id: string;
}

function decodePosition(cursor: string): Position {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'number' || !/^\d+$/.test(String(id))) {
    throw new InputError(
      'cursor is invalid; pass nextCursor from a previous page',
    );
  }
  return { at: new Date(at), id: String(id) };
}

function afterPosition(query: Knex.QueryBuilder, { at, id }: Position) {
  query.where(q =>
    q
      .where('rc.created_at', '<', at)
      .orWhere(q2 =>
        q2.where('rc.created_at', '=', at).where('rc.id', '<', id),
      ),
  );
}

/**
 * A report's planned changes as a compare reads them, by address: only the
 * columns it compares (a compare reads two whole plans, and most of their
 * changes are the same; changesById reads the rest of the few it lists).
 */
export async function queryComparedChanges(
  db: Knex,
  reportId: string,
): Promise<Array<ComparedChange & { id: string }>> {
  const rows: Array<
    Pick<ChangeRow, 'id' | 'address' | 'action' | 'attributes'>
  > = await db('resource_changes')
    .where({ report_id: reportId, drift: false })
    .orderBy('address')
    .select('id', 'address', 'action', 'attributes');
  return rows.map(row => ({
    id: String(row.id),
    address: row.address,
    action: row.action,
    attributes: JSON.parse(row.attributes),
  }));
}

/** Rows per query by id: under SQLite's bound-parameter limit. */
const ID_CHUNK = 500;

/** Changes by row id, in the order of `ids`. */
export async function queryChangesById(
  db: Knex,
  ids: string[],
): Promise<ChangeItem[]> {
  const byId = new Map<string, ChangeItem>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows: ChangeRow[] = await changeRows(db).whereIn(
      'rc.id',
      ids.slice(i, i + ID_CHUNK),
    );
    for (const row of rows) byId.set(String(row.id), toChangeItem(row));
  }
  return ids.flatMap(id => byId.get(id) ?? []);
}
