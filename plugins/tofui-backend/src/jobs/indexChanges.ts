import type { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HeavyWork } from '../processing/HeavyWork';
import { withTempDir } from '../processing/tempFiles';
import type { TofuiStore } from '../database/TofuiStore';
import type { ClaimedJob } from '../queue/jobTypes';
import type { ArtifactService } from '../service/ArtifactService';

/**
 * Writes the change index rows of a report from its stored plan (already
 * redacted), or, without a plan, from its (masked) log: an apply's
 * per-resource results. They replace those of an earlier publish of the
 * build. A report republished with neither loses its rows; one republished
 * with another plan or log meanwhile is left to the job that publish queued.
 */
export class ChangeIndexer {
  constructor(
    private readonly store: TofuiStore,
    private readonly artifacts: ArtifactService,
    private readonly logger: LoggerService,
    /** Parsing a large plan happens off the request thread, within budget. */
    private readonly heavy: HeavyWork = HeavyWork.inline(logger),
  ) {}

  async handle(job: ClaimedJob<'index-changes'>): Promise<void> {
    const reportId = String(job.payload.reportId);
    const stored = await this.store.reports.getStoredArtifacts(reportId);
    if (!stored) {
      return; // deleted
    }
    // The plan, else an apply's log (per-resource results), else nothing.
    const source = stored.plan ?? stored.log;
    const { sourceSha256 } = job.payload;
    if (sourceSha256 && source?.sha256 !== sourceSha256) {
      return; // the fallback of a plan since replaced: its publish's job indexes
    }
    if (!source) {
      await this.store.changes.replaceForReport(reportId, undefined, []);
      return;
    }
    const started = Date.now();
    const changes = await withTempDir(async dir => {
      const input = path.join(dir, 'input');
      await pipeline(
        await this.artifacts.open(source),
        fs.createWriteStream(input),
      );
      return this.heavy.run(
        stored.plan ? 'indexPlan' : 'indexLog',
        { input },
        { inputBytes: source.size, background: true },
      );
    });
    const written = await this.store.changes.replaceForReport(
      reportId,
      source.sha256,
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
