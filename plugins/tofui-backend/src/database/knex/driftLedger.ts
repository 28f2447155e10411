import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import { folderOwners } from './folderOwners';
import type { DriftFilter, DriftItem } from '../ChangeIndexStore';
import { decodeCursor, encodeCursor } from '../cursor';
import type { Page } from '../TofuiStore';
import { READABLE_FOLDER, whereReadable } from './accessFilter';
import { isPostgres, repositorySlug } from './ensure';
import { toDate, toIso } from './rows';
import { whereInScope } from './summaryQuery';

const CHUNK = 500;
const CHRONIC_DAYS = 30;
const CHRONIC_OCCURRENCES = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

type DbDate = Date | number | string;

/**
 * Rebuilds a folder's drift ledger from its drift rows, after one of its
 * plans was indexed or a report of it deleted (by the API or retention),
 * whatever the order they came in: an entry whose
 * showings all went is removed; first and last seen and occurrences are
 * recounted; an entry is closed by the first plan of the folder after its
 * last showing (a report with a plan, whose rows would show it if it still
 * drifted), so deleting the report that closed a drift closes it at the next
 * plan, or opens it again when there is none.
 */
export async function recomputeDriftLedger(
  tx: Knex.Transaction,
  folderId: string,
) {
  if (isPostgres(tx)) {
    // one rebuild of a folder at a time: two jobs indexing its plans at once
    // would each miss the other's rows
    await tx('folders').where({ id: folderId }).forUpdate().first('id');
  }
  const rows: Array<{
    address: string;
    repository_id: string;
    resource_type: string;
    attributes: string;
    created_at: DbDate;
  }> = await tx('resource_changes')
    .where({ folder_id: folderId, drift: true })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select(
      'address',
      'repository_id',
      'resource_type',
      'attributes',
      'created_at',
    );
  if (rows.length === 0) {
    // no drift left in the folder (most folders): no entry stays
    await tx('drift_ledger').where({ folder_id: folderId }).delete();
    return;
  }
  const byAddress = new Map<string, typeof rows>();
  for (const row of rows) {
    byAddress.set(row.address, [...(byAddress.get(row.address) ?? []), row]);
  }
  // Only plans after an entry's last showing can close it: those after the
  // earliest last showing, rather than every plan of the folder.
  let earliestLast = Infinity;
  for (const seen of byAddress.values()) {
    const lastAt = toDate(seen[seen.length - 1].created_at).getTime();
    earliestLast = Math.min(earliestLast, lastAt);
  }
  const hasPlan = isPostgres(tx)
    ? "artifacts -> 'plan' IS NOT NULL AND artifacts -> 'plan' <> 'null'::jsonb"
    : "json_extract(artifacts, '$.plan') IS NOT NULL";
  const plans = (
    await tx('reports')
      .where({ folder_id: folderId })
      .where('created_at', '>', new Date(earliestLast))
      .whereRaw(hasPlan)
      .orderBy('created_at')
      .pluck('created_at')
  ).map(toDate);
  const listed: string[] = await tx('drift_ledger')
    .where({ folder_id: folderId })
    .pluck('address');
  const gone = listed.filter(address => !byAddress.has(address));
  for (let i = 0; i < gone.length; i += CHUNK) {
    await tx('drift_ledger')
      .where({ folder_id: folderId })
      .whereIn('address', gone.slice(i, i + CHUNK))
      .delete();
  }
  const entries = [...byAddress.entries()].map(([address, seen]) => {
    const first = toDate(seen[0].created_at);
    const last = seen[seen.length - 1];
    const lastAt = toDate(last.created_at);
    const closedAt = plans.find(at => at > lastAt);
    return {
      folder_id: folderId,
      repository_id: last.repository_id,
      address,
      resource_type: last.resource_type,
      state: closedAt ? 'closed' : 'open',
      first_seen_at: first,
      last_seen_at: lastAt,
      closed_at: closedAt ?? null,
      occurrences: seen.length,
      attributes: last.attributes,
      chronic_until: chronicUntil(seen.map(row => toDate(row.created_at))),
    };
  });
  for (let j = 0; j < entries.length; j += 40) {
    await tx('drift_ledger')
      .insert(entries.slice(j, j + 40))
      .onConflict(['folder_id', 'address'])
      .merge();
  }
}

/**
 * Until when drift shown at `showings` (oldest first) is chronic, shown in
 * at least 3 plans of the last 30 days: the third latest showing's time plus
 * 30 days; undefined (null) when it was shown fewer than 3 times.
 */
export function chronicUntil(showings: Date[]): Date | null {
  if (showings.length < CHRONIC_OCCURRENCES) return null;
  const third = showings[showings.length - CHRONIC_OCCURRENCES];
  return new Date(third.getTime() + CHRONIC_DAYS * DAY_MS);
}

/**
 * The drift ledger, oldest drift first by (first_seen_at, id); with
 * `order: 'chronic'`, the chronic entries first, then the others, each
 * oldest first. The cursor carries the instant chronic is judged at, so
 * that an entry turning ordinary between two pages is neither listed twice
 * nor skipped.
 */
export async function queryDrift(
  db: Knex,
  filter: DriftFilter,
): Promise<Page<DriftItem>> {
  const position: DriftPosition = filter.cursor
    ? decodeDriftCursor(filter.cursor)
    : { phase: 0, now: filter.now.getTime() };
  const now = new Date(position.now);
  const chronicFirst = filter.order === 'chronic';
  const rows: DriftRow[] = [];
  // chronic first, ordinary after: one keyset query per phase still to read
  for (
    let phase = position.phase;
    phase < 2 && rows.length <= filter.limit;
    phase++
  ) {
    const query = driftRows(db, filter);
    if (chronicFirst) {
      if (phase === 0) query.where('dl.chronic_until', '>=', now);
      else {
        query.where(q =>
          q.whereNull('dl.chronic_until').orWhere('dl.chronic_until', '<', now),
        );
      }
    }
    if (position.after && phase === position.phase) {
      const { at, id } = position.after;
      query.where(q =>
        q
          .where('dl.first_seen_at', '>', at)
          .orWhere(q2 =>
            q2.where('dl.first_seen_at', '=', at).where('dl.id', '>', id),
          ),
      );
    }
    const found = await query
      .orderBy([
        { column: 'dl.first_seen_at', order: 'asc' },
        { column: 'dl.id', order: 'asc' },
      ])
      .limit(filter.limit + 1 - rows.length);
    rows.push(...found.map(row => ({ ...row, phase })));
    if (!chronicFirst) break;
  }
  const last = rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
  const page = rows.slice(0, filter.limit);
  const owners = await folderOwners(
    db,
    page.map(row => String(row.folder_id)),
  );
  return {
    items: page.map(row => ({
      repository: `${row.repo_owner}/${row.repo_name}`,
      folder: row.folder_name,
      address: row.address,
      type: row.resource_type,
      state: row.state,
      firstSeenAt: toIso(row.first_seen_at),
      lastSeenAt: toIso(row.last_seen_at),
      ...(row.closed_at && { closedAt: toIso(row.closed_at) }),
      occurrences: Number(row.occurrences),
      attributes: JSON.parse(row.attributes),
      chronic: !!row.chronic_until && toDate(row.chronic_until) >= now,
      owners: owners.get(String(row.folder_id)) ?? [],
    })),
    nextCursor:
      last &&
      encodeCursor([
        last.phase,
        toDate(last.first_seen_at).getTime(),
        String(last.id),
        position.now,
      ]),
  };
}

type DriftRow = Record<string, any> & { phase: number };

interface DriftPosition {
  /** 0: chronic (or every entry, oldest first), 1: ordinary. */
  phase: number;
  /** The instant chronic is judged at, ms. */
  now: number;
  /** The last entry listed. */
  after?: { at: Date; id: string };
}

/** The ledger's rows with their repository and folder, filtered. */
function driftRows(db: Knex, filter: DriftFilter) {
  const query = db('drift_ledger as dl')
    .join('repositories as repo', 'repo.id', 'dl.repository_id')
    .join('folders as f', 'f.id', 'dl.folder_id')
    .select(
      'dl.*',
      'repo.owner as repo_owner',
      'repo.name as repo_name',
      'f.name as folder_name',
    );
  if (filter.state) query.where('dl.state', filter.state);
  if (filter.repository) {
    query.where('repo.slug', repositorySlug(filter.repository));
  }
  if (filter.folder) query.where('f.name', filter.folder);
  if (filter.scope) whereInScope(query, filter.scope, 'repo.slug', 'f.name');
  if (filter.since) query.where('dl.last_seen_at', '>=', filter.since);
  whereReadable(db, query, filter.access, {
    ...READABLE_FOLDER,
    folderId: 'dl.folder_id',
  });
  return query;
}

function decodeDriftCursor(cursor: string): DriftPosition {
  const [phase, at, id, now] = decodeCursor(cursor, 4);
  if (
    (phase !== 0 && phase !== 1) ||
    typeof at !== 'number' ||
    typeof now !== 'number' ||
    !/^\d+$/.test(String(id))
  ) {
    throw new InputError(
      'cursor is invalid; pass nextCursor from a previous page',
    );
  }
  return { phase, now, after: { at: new Date(at), id: String(id) } };
}
