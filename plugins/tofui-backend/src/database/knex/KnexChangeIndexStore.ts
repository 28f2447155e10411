import type { ReportMetadata } from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import type { PlannedChange } from '../../changes/planChanges';
import type {
  ChangeFilter,
  ChangeIndexStore,
  DriftFilter,
  PendingFilter,
} from '../ChangeIndexStore';
import type { StoredArtifacts } from '../TofuiStore';
import {
  queryChangesById,
  queryChanges,
  queryComparedChanges,
} from './changeQuery';
import { queryDrift, recomputeDriftLedger } from './driftLedger';
import { inTransaction, isPostgres } from './ensure';
import { queryPending } from './pendingQuery';
import { parseJson, toDate } from './rows';

/** Rows per insert on SQLite: under its bound-parameter limit. */
const SQLITE_CHUNK = 40;

/** The columns of a report's rows that come from the report. */
const REPORT_COLUMNS = [
  'report_id',
  'repository_id',
  'folder_id',
  'created_at',
  'build_name',
  'report_type',
  'branch',
  'pull_request',
  'actor',
  'commit_sha',
] as const;
type ReportColumns = Record<
  (typeof REPORT_COLUMNS)[number],
  string | number | Date | null
>;

/** The columns of a row that come from the change. */
const CHANGE_COLUMNS = {
  address: 'text',
  module: 'text',
  resource_type: 'text',
  provider: 'text',
  action: 'text',
  reason: 'text',
  forcing: 'text',
  attributes: 'text',
  moved_from: 'text',
  importing_id: 'text',
  drift: 'boolean',
  outcome: 'text',
} as const;
type ChangeColumns = Record<keyof typeof CHANGE_COLUMNS, unknown>;

/** A change as the columns of its row. */
function changeColumns(change: PlannedChange): ChangeColumns {
  return {
    address: change.address,
    module: change.module ?? null,
    resource_type: change.type,
    provider: change.provider ?? null,
    action: change.action,
    reason: change.reason ?? null,
    forcing: change.forcing.length ? JSON.stringify(change.forcing) : null,
    attributes: JSON.stringify(change.attributes),
    moved_from: change.movedFrom ?? null,
    importing_id: change.importingId ?? null,
    drift: change.drift,
    outcome: change.outcome ?? null,
  };
}

/**
 * What a replace found: nothing (the report deleted, or republished with
 * another source, whose own job indexes it), or its folder and whether its
 * drift ledger is to be rebuilt.
 */
type Replaced = { folderId: string; rebuildLedger: boolean } | undefined;

/**
 * Whether a folder's drift ledger is to be rebuilt after a report's rows
 * were replaced: the ledger follows the folder's drift rows and its plans,
 * so only when the rows replaced or written have drift, or the ledger has
 * entries of the folder that this plan can close. Indexing an apply's log
 * changes neither. (A publish locks the folder: a plan published while
 * another index rebuilds is counted by that rebuild, or finds its entries.)
 */
function needsLedgerRebuild(r: {
  hasPlan: boolean;
  hadDrift: boolean;
  hasDrift: boolean;
  ledgerListed: boolean;
}) {
  return r.hasPlan && (r.hadDrift || r.hasDrift || r.ledgerListed);
}

/**
 * Replaces a report's rows on Postgres in one statement: locks the report
 * when its source is still `sourceSha256`, deletes its rows, inserts the
 * changes (one JSON parameter: building a multi-row insert costs more CPU
 * than the database's work for it) with the report's columns read in the
 * same statement, and tells whether the drift ledger is to be rebuilt.
 * One round trip: its CPU is most of what indexing a small plan costs.
 */
async function replaceOnPostgres(
  db: Knex,
  reportId: string,
  sourceSha256: string | undefined,
  changes: PlannedChange[],
): Promise<Replaced> {
  const changeKeys = Object.keys(CHANGE_COLUMNS);
  const hasPlan =
    "r.artifacts -> 'plan' IS NOT NULL AND r.artifacts -> 'plan' <> 'null'::jsonb";
  const { rows } = await db.raw(
    `WITH report AS (
       SELECT r.id, r.repository_id, r.folder_id, r.created_at, r.build_name,
              r.report_type, r.metadata, ${hasPlan} AS has_plan
       FROM reports r
       WHERE r.id = ?::uuid
         -- the plan, else the log: the source the rows are made from
         AND coalesce(nullif(r.artifacts -> 'plan', 'null'::jsonb),
                      r.artifacts -> 'log') ->> 'sha256'
             IS NOT DISTINCT FROM ?::text
       -- a concurrent index of the same report waits
       FOR UPDATE
     ), deleted AS (
       DELETE FROM resource_changes rc USING report
       WHERE rc.report_id = report.id
       RETURNING rc.drift
     ), inserted AS (
       INSERT INTO resource_changes (${[...REPORT_COLUMNS, ...changeKeys].join(
         ', ',
       )})
       -- in the order of REPORT_COLUMNS
       SELECT report.id, report.repository_id, report.folder_id,
              report.created_at, report.build_name, report.report_type,
              report.metadata ->> 'branch',
              (report.metadata ->> 'pullRequest')::integer,
              report.metadata ->> 'actor', report.metadata ->> 'commitSha',
              ${changeKeys.map(key => `c.${key}`).join(', ')}
       FROM report, jsonb_to_recordset(convert_from(?::bytea, 'UTF8')::jsonb) AS c(${Object.entries(
         CHANGE_COLUMNS,
       )
         .map(([key, type]) => `${key} ${type}`)
         .join(', ')})
       RETURNING drift
     )
     SELECT report.folder_id, report.has_plan,
            EXISTS (SELECT 1 FROM deleted WHERE drift) AS had_drift,
            EXISTS (SELECT 1 FROM inserted WHERE drift) AS has_drift,
            EXISTS (SELECT 1 FROM drift_ledger dl
                    WHERE dl.folder_id = report.folder_id) AS ledger_listed
     FROM report`,
    [
      reportId,
      sourceSha256 ?? null,
      // as bytes: the driver sends a long text parameter at several times
      // the CPU cost of the same bytes
      Buffer.from(JSON.stringify(changes.map(changeColumns))),
    ],
  );
  const row = rows[0];
  if (!row) {
    return undefined;
  }
  return {
    folderId: row.folder_id,
    rebuildLedger: needsLedgerRebuild({
      hasPlan: row.has_plan,
      hadDrift: row.had_drift,
      hasDrift: row.has_drift,
      ledgerListed: row.ledger_listed,
    }),
  };
}

/** The same steps with knex queries (SQLite), rows in chunks under its bound-parameter limit. */
async function replaceWithQueries(
  tx: Knex.Transaction,
  reportId: string,
  sourceSha256: string | undefined,
  changes: PlannedChange[],
): Promise<Replaced> {
  const report = await tx('reports')
    .where({ id: reportId })
    .first(
      'repository_id',
      'folder_id',
      'report_type',
      'build_name',
      'metadata',
      'artifacts',
      'created_at',
    );
  const artifacts = report
    ? parseJson<StoredArtifacts | null>(report.artifacts)
    : undefined;
  const plan = artifacts?.plan;
  if (!report || (plan ?? artifacts?.log)?.sha256 !== sourceSha256) {
    return undefined;
  }
  const hadDrift = !!(await tx('resource_changes')
    .where({ report_id: reportId, drift: true })
    .first('id'));
  await tx('resource_changes').where({ report_id: reportId }).delete();
  const meta = parseJson<ReportMetadata | null>(report.metadata) ?? {};
  const reportColumns: ReportColumns = {
    report_id: reportId,
    repository_id: report.repository_id,
    folder_id: report.folder_id,
    created_at: toDate(report.created_at),
    build_name: report.build_name,
    report_type: report.report_type,
    branch: meta.branch ?? null,
    pull_request: meta.pullRequest ?? null,
    actor: meta.actor ?? null,
    commit_sha: meta.commitSha ?? null,
  };
  const rows = changes.map(change => ({
    ...reportColumns,
    ...changeColumns(change),
  }));
  for (let i = 0; i < rows.length; i += SQLITE_CHUNK) {
    await tx('resource_changes').insert(rows.slice(i, i + SQLITE_CHUNK));
  }
  const hasPlan = !!plan;
  return {
    folderId: report.folder_id,
    rebuildLedger: needsLedgerRebuild({
      hasPlan,
      hadDrift,
      hasDrift: changes.some(change => change.drift),
      ledgerListed:
        hasPlan &&
        !!(await tx('drift_ledger')
          .where({ folder_id: report.folder_id })
          .first('id')),
    }),
  };
}

export class KnexChangeIndexStore implements ChangeIndexStore {
  constructor(private readonly db: Knex) {}

  async replaceForReport(
    reportId: string,
    sourceSha256: string | undefined,
    changes: PlannedChange[],
  ): Promise<boolean> {
    if (
      isPostgres(this.db) &&
      !this.db.isTransaction &&
      !changes.some(change => change.drift)
    ) {
      // No drift written: the rows go in one statement, its own transaction
      // (most plans; a transaction is two more round trips). Should the
      // ledger rebuild after it not happen, the ledger is as before this
      // plan, with the entries it would close still listed, and the next
      // plan of the folder rebuilds it whole.
      const replaced = await replaceOnPostgres(
        this.db,
        reportId,
        sourceSha256,
        changes,
      );
      if (replaced?.rebuildLedger) {
        await inTransaction(this.db, tx =>
          recomputeDriftLedger(tx, replaced.folderId),
        );
      }
      return !!replaced;
    }
    return inTransaction(this.db, async tx => {
      const replaced = await (isPostgres(tx)
        ? replaceOnPostgres
        : replaceWithQueries)(tx, reportId, sourceSha256, changes);
      if (replaced?.rebuildLedger) {
        // recounted from every indexed plan of the folder, so that plans
        // indexed out of order (jobs run as they come) give the same ledger
        await recomputeDriftLedger(tx, replaced.folderId);
      }
      return !!replaced;
    });
  }

  search(filter: ChangeFilter) {
    return queryChanges(this.db, filter);
  }

  comparedChanges(reportId: string) {
    return queryComparedChanges(this.db, reportId);
  }

  changesById(ids: string[]) {
    return queryChangesById(this.db, ids);
  }

  async previousReport(reportId: string): Promise<string | undefined> {
    const head = await this.db('reports')
      .where({ id: reportId })
      .first('folder_id', 'report_type', 'created_at', 'metadata');
    if (!head) {
      return undefined;
    }
    const meta = parseJson<ReportMetadata | null>(head.metadata) ?? {};
    const earlier = () =>
      this.db('reports')
        .where({ folder_id: head.folder_id, report_type: head.report_type })
        .where(q =>
          q
            .where('created_at', '<', head.created_at)
            .orWhere(q2 =>
              q2
                .where('created_at', '=', head.created_at)
                .where('id', '<', reportId),
            ),
        )
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ]);
    // The same pull request, else the same branch, else any earlier run:
    // metadata is JSON, so the few latest runs are read and matched here.
    const candidates: Array<{ id: string; metadata: unknown }> = await earlier()
      .limit(100)
      .select('id', 'metadata');
    const metaOf = (c: { metadata: unknown }) =>
      parseJson<ReportMetadata | null>(c.metadata) ?? {};
    const match =
      (meta.pullRequest !== undefined &&
        candidates.find(c => metaOf(c).pullRequest === meta.pullRequest)) ||
      (meta.branch !== undefined &&
        candidates.find(c => metaOf(c).branch === meta.branch)) ||
      candidates[0];
    return match?.id;
  }

  drift(filter: DriftFilter) {
    return queryDrift(this.db, filter);
  }

  pending(filter: PendingFilter) {
    return queryPending(this.db, filter);
  }
}
