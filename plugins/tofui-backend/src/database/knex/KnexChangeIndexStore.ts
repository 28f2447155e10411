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

/** The columns of a report's rows that come from the report, with their types. */
const REPORT_COLUMNS = {
  report_id: 'uuid',
  repository_id: 'uuid',
  folder_id: 'uuid',
  created_at: 'timestamptz',
  build_name: 'text',
  report_type: 'text',
  branch: 'text',
  pull_request: 'integer',
  actor: 'text',
  commit_sha: 'text',
} as const;
type ReportColumns = Record<
  keyof typeof REPORT_COLUMNS,
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

/** Deletes a report's rows. */
async function deleteRows(tx: Knex.Transaction, reportId: string) {
  await tx('resource_changes').where({ report_id: reportId }).delete();
}

/**
 * Inserts a report's rows. On Postgres in one statement whatever their
 * number, the changes as one JSON parameter (building a multi-row insert
 * costs more CPU than the database's work for it); on SQLite in chunks
 * under its bound-parameter limit.
 */
async function insertRows(
  tx: Knex.Transaction,
  report: ReportColumns,
  changes: ChangeColumns[],
) {
  if (changes.length === 0) return;
  if (isPostgres(tx)) {
    const reportKeys = Object.keys(REPORT_COLUMNS) as Array<
      keyof ReportColumns
    >;
    const changeKeys = Object.keys(CHANGE_COLUMNS);
    await tx.raw(
      `INSERT INTO resource_changes (${[...reportKeys, ...changeKeys].join(
        ', ',
      )})
       SELECT ${reportKeys
         .map(key => `?::${REPORT_COLUMNS[key]}`)
         .join(', ')}, ${changeKeys.map(key => `r.${key}`).join(', ')}
       FROM jsonb_to_recordset(?::jsonb) AS r(${Object.entries(CHANGE_COLUMNS)
         .map(([key, type]) => `${key} ${type}`)
         .join(', ')})`,
      [...reportKeys.map(key => report[key]), JSON.stringify(changes)],
    );
    return;
  }
  const rows = changes.map(change => ({ ...report, ...change }));
  for (let i = 0; i < rows.length; i += SQLITE_CHUNK) {
    await tx('resource_changes').insert(rows.slice(i, i + SQLITE_CHUNK));
  }
}

export class KnexChangeIndexStore implements ChangeIndexStore {
  constructor(private readonly db: Knex) {}

  async replaceForReport(
    reportId: string,
    sourceSha256: string | undefined,
    changes: PlannedChange[],
  ): Promise<boolean> {
    return inTransaction(this.db, async tx => {
      const report = await tx('reports')
        .where({ id: reportId })
        // A concurrent index of the same report waits (SQLite has one writer).
        .modify(q => {
          if (isPostgres(tx)) q.forUpdate();
        })
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
        return false; // deleted, or republished: its own job indexes it
      }
      await deleteRows(tx, reportId);
      const meta = parseJson<ReportMetadata | null>(report.metadata) ?? {};
      const createdAt = toDate(report.created_at);
      await insertRows(
        tx,
        {
          report_id: reportId,
          repository_id: report.repository_id,
          folder_id: report.folder_id,
          created_at: createdAt,
          build_name: report.build_name,
          report_type: report.report_type,
          branch: meta.branch ?? null,
          pull_request: meta.pullRequest ?? null,
          actor: meta.actor ?? null,
          commit_sha: meta.commitSha ?? null,
        },
        changes.map(change => ({
          address: change.address,
          module: change.module ?? null,
          resource_type: change.type,
          provider: change.provider ?? null,
          action: change.action,
          reason: change.reason ?? null,
          forcing: change.forcing.length
            ? JSON.stringify(change.forcing)
            : null,
          attributes: JSON.stringify(change.attributes),
          moved_from: change.movedFrom ?? null,
          importing_id: change.importingId ?? null,
          drift: change.drift,
          outcome: change.outcome ?? null,
        })),
      );
      if (plan) {
        // recounted from every indexed plan of the folder, so that plans
        // indexed out of order (jobs run as they come) give the same ledger
        await recomputeDriftLedger(tx, report.folder_id);
      }
      return true;
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
