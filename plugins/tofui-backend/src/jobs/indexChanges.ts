import type { LoggerService } from '@backstage/backend-plugin-api';
import { parsePlan } from '@tofui/report';
import { text } from 'node:stream/consumers';
import { planChanges } from '../changes/planChanges';
import type { TofuiStore } from '../database/TofuiStore';
import type { ClaimedJob } from '../queue/jobTypes';
import type { ArtifactService } from '../service/ArtifactService';

/**
 * Writes the change index rows of a report from its stored plan (already
 * redacted), replacing those of an earlier publish of the build. A report
 * republished without a plan loses its rows; one republished with another
 * plan meanwhile is left to the job that publish queued.
 */
export class ChangeIndexer {
  constructor(
    private readonly store: TofuiStore,
    private readonly artifacts: ArtifactService,
    private readonly logger: LoggerService,
  ) {}

  async handle(job: ClaimedJob<'index-changes'>): Promise<void> {
    const reportId = String(job.payload.reportId);
    const stored = await this.store.reports.getStoredArtifacts(reportId);
    if (!stored) {
      return; // deleted
    }
    if (!stored.plan) {
      await this.store.changes.replaceForReport(reportId, undefined, []);
      return;
    }
    const started = Date.now();
    const { plan } = parsePlan(
      await text(await this.artifacts.open(stored.plan)),
    );
    const changes = planChanges(plan);
    const written = await this.store.changes.replaceForReport(
      reportId,
      stored.plan.sha256,
      changes,
    );
    if (written) {
      this.logger.debug(
        `tofUI indexed ${changes.length} changes of report ${reportId} in ${
          Date.now() - started
        } ms`,
      );
    }
  }
}
