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
import { queryChanges, queryReportChanges } from './changeQuery';
import { queryDrift, updateDriftLedger } from './driftLedger';
import { inTransaction, isPostgres } from './ensure';
import { queryPending } from './pendingQuery';
import { parseJson, toDate } from './rows';

/** Rows per insert: under SQLite's and Postgres' bound-parameter limits. */
const SQLITE_CHUNK = 40;
const POSTGRES_CHUNK = 1000;

export class KnexChangeIndexStore implements ChangeIndexStore {
  constructor(private readonly db: Knex) {}

  async replaceForReport(
    reportId: string,
    planSha256: string | undefined,
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
      const plan = report
        ? parseJson<StoredArtifacts | null>(report.artifacts)?.plan
        : undefined;
      if (!report || plan?.sha256 !== planSha256) {
        return false; // deleted, or republished: its own job indexes it
      }
      const driftedBefore: string[] = await tx('resource_changes')
        .where({ report_id: reportId, drift: true })
        .pluck('address');
      await tx('resource_changes').where({ report_id: reportId }).delete();
      const meta = parseJson<ReportMetadata | null>(report.metadata) ?? {};
      const createdAt = toDate(report.created_at);
      const rows = changes.map(change => ({
        report_id: reportId,
        repository_id: report.repository_id,
        folder_id: report.folder_id,
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
        created_at: createdAt,
        build_name: report.build_name,
        report_type: report.report_type,
        branch: meta.branch ?? null,
        pull_request: meta.pullRequest ?? null,
        actor: meta.actor ?? null,
        commit_sha: meta.commitSha ?? null,
      }));
      const chunk = isPostgres(tx) ? POSTGRES_CHUNK : SQLITE_CHUNK;
      for (let i = 0; i < rows.length; i += chunk) {
        await tx('resource_changes').insert(rows.slice(i, i + chunk));
      }
      if (planSha256) {
        await updateDriftLedger(tx, {
          repositoryId: report.repository_id,
          folderId: report.folder_id,
          planAt: createdAt,
          drifted: changes.filter(c => c.drift),
          driftedBefore,
        });
      }
      return true;
    });
  }

  search(filter: ChangeFilter) {
    return queryChanges(this.db, filter);
  }

  ofReport(reportId: string) {
    return queryReportChanges(this.db, reportId);
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
