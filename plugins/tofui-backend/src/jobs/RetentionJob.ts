import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { reportArtifactKey } from '@tofui/backstage-plugin-tofui-node';
import type {
  RetentionCandidate,
  StoredArtifact,
  TofuiStore,
} from '../database/TofuiStore';
import type { ArtifactService } from '../service/ArtifactService';
import type { TofuiEvents } from '../events/TofuiEvents';
import type { RetentionPolicy } from '../config/retention';

export const RETENTION_TASK = 'tofui-retention';

const BATCH = 200;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Who retention is in the audit log. */
const ACTOR = 'system:retention';

/** What one retention run did (or, dry, would do). */
export interface RetentionResult {
  dryRun: boolean;
  /** Reports past the policy. */
  candidates: number;
  archived: number;
  artifacts: number;
  failed: number;
}

/** `archives/{yyyy}/{mm}/{key}`, by the month the report's run happened. */
export function archiveKey(createdAt: Date, key: string): string {
  const month = String(createdAt.getUTCMonth() + 1).padStart(2, '0');
  return `archives/${createdAt.getUTCFullYear()}/${month}/${key}`;
}

/**
 * Retention: keeps the newest `keepPerFolderAndType` reports of every folder
 * and report type (and, with `maxAgeDays`, none older), never a folder's
 * latest build or test. Older reports are archived, not lost: their
 * artifacts are copied to `archives/{yyyy}/{mm}/…` with a JSON record of the
 * report beside them, then the row is deleted (audited as
 * `system:retention`) and the original artifacts removed. A failure leaves
 * the report as it was, to be retried on the next run.
 */
export class RetentionJob {
  constructor(
    private readonly store: TofuiStore,
    private readonly artifacts: ArtifactService,
    private readonly events: TofuiEvents,
    private readonly logger: LoggerService,
    private readonly policy: RetentionPolicy,
    /** Called with every run's counts (metrics). */
    private readonly onResult: (result: RetentionResult) => void = () => {},
  ) {}

  /** Runs on the scheduler, one replica at a time. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    if (!this.policy.enabled) {
      this.logger.info('tofUI retention is disabled (tofui.retention.enabled)');
      return;
    }
    await scheduler.scheduleTask({
      id: RETENTION_TASK,
      scope: 'global',
      ...this.policy.schedule,
      fn: async () => {
        await this.run();
      },
    });
  }

  async run(now = new Date()): Promise<RetentionResult> {
    const { keepPerFolderAndType: keep, maxAgeDays, dryRun } = this.policy;
    const olderThan =
      maxAgeDays !== undefined
        ? new Date(now.getTime() - maxAgeDays * DAY_MS)
        : undefined;
    const result: RetentionResult = {
      dryRun,
      candidates: 0,
      archived: 0,
      artifacts: 0,
      failed: 0,
    };
    let afterId: string | undefined;
    for (;;) {
      const batch = await this.store.reports.listRetentionCandidates({
        keep,
        olderThan,
        afterId,
        limit: BATCH,
      });
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1].id;
      result.candidates += batch.length;
      if (dryRun) continue;
      for (const candidate of batch) {
        try {
          result.artifacts += await this.archive(candidate, now);
          result.archived += 1;
        } catch (error) {
          result.failed += 1;
          this.logger.warn(
            `tofUI retention could not archive report ${candidate.id}: ${error}`,
          );
        }
      }
    }
    if (result.archived > 0) {
      await this.events.emit('reportsChanged', {});
    }
    this.logger.info(
      dryRun
        ? `tofUI retention (dry run): would archive ${
            result.candidates
          } reports (keep ${keep} per folder and type${
            maxAgeDays ? `, none older than ${maxAgeDays} days` : ''
          })`
        : `tofUI retention: archived ${result.archived} reports with ${result.artifacts} artifacts, ${result.failed} failed`,
    );
    this.onResult(result);
    return result;
  }

  /** Archives one report; returns how many artifacts it moved. */
  private async archive(
    candidate: RetentionCandidate,
    now: Date,
  ): Promise<number> {
    const report = await this.store.reports.get(candidate.id);
    const stored = await this.store.reports.getStoredArtifacts(candidate.id);
    if (!report || !stored) {
      return 0; // deleted meanwhile
    }
    const originals = Object.entries(stored).filter(
      (entry): entry is [string, StoredArtifact] => !!entry[1],
    );
    const archived: Record<string, StoredArtifact> = {};
    for (const [kind, artifact] of originals) {
      archived[kind] = await this.artifacts.copy(
        artifact,
        archiveKey(candidate.createdAt, artifact.key),
      );
    }
    const recordKey = archiveKey(
      candidate.createdAt,
      reportArtifactKey({
        repository: candidate.repository,
        folder: candidate.folder,
        reportId: candidate.id,
        extension: 'json',
      }).replace(/\.json$/, '.report.json'),
    );
    await this.artifacts.putJson(recordKey, {
      archivedAt: now.toISOString(),
      report,
      artifacts: archived,
    });
    await this.store.transaction(async tx => {
      await tx.reports.delete(candidate.id);
      await tx.auditLog.record(
        {
          entityType: 'report',
          entityId: candidate.id,
          action: 'delete',
          actor: ACTOR,
          before: report,
          after: { archivedTo: recordKey },
        },
        now,
      );
    });
    await this.artifacts.deleteQuietly(originals.map(([, a]) => a));
    return originals.length;
  }
}
