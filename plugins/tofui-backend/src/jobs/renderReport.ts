import type { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { TofuiStore } from '../database/TofuiStore';
import type { TofuiEvents } from '../events/TofuiEvents';
import type { ClaimedJob } from '../queue/jobTypes';
import { HeavyWork } from '../processing/HeavyWork';
import { readStream, withTempDir } from '../processing/tempFiles';
import type { ArtifactService } from '../service/ArtifactService';

const MAX_EMBEDDED_LOG_BYTES = 5 * 1024 * 1024;

/**
 * Renders the HTML report of a report that came with a plan and no HTML. The
 * plan in storage is already redacted. The result is attached only if the
 * report still has the same plan: a republish meanwhile queued its own
 * render. The last failed attempt marks the report `failed`.
 */
export class ReportRenderer {
  constructor(
    private readonly store: TofuiStore,
    private readonly artifacts: ArtifactService,
    private readonly events: TofuiEvents,
    private readonly logger: LoggerService,
    /** Where rendering runs: by default on this thread. */
    private readonly heavy: HeavyWork = HeavyWork.inline(logger),
  ) {}

  async handle(job: ClaimedJob<'render-report'>): Promise<void> {
    const reportId = String(job.payload.reportId);
    try {
      await this.render(reportId);
    } catch (error) {
      // Over the memory budget fails the same way every time: not retried.
      const overBudget = (error as Error)?.name === 'MemoryBudgetExceededError';
      if (overBudget || job.attempts >= job.maxAttempts) {
        await this.store.reports.setRenderStatus(
          reportId,
          'failed',
          overBudget
            ? `${(error as Error).message}. The plan can still be downloaded.`
            : `Every attempt failed, the last with: ${
                (error as Error)?.message ?? error
              }`,
        );
        await this.events.emit('reportsChanged', {});
      }
      if (overBudget) {
        this.logger.warn(`tofUI did not render report ${reportId}: ${error}`);
        return;
      }
      throw error;
    }
  }

  private async render(reportId: string): Promise<void> {
    const [report, stored] = await Promise.all([
      this.store.reports.get(reportId),
      this.store.reports.getStoredArtifacts(reportId),
    ]);
    if (!report || !stored || (!stored.plan && !stored.log) || stored.html) {
      return; // deleted, or nothing (left) to render
    }
    // Without a plan the report is the log's (errors, apply results), so
    // the log goes in whatever its size; the memory budget still applies.
    const source = (stored.plan ?? stored.log)!;
    const logOnly = !stored.plan;
    const started = Date.now();
    // Off this thread, from and to temporary files, within the memory budget.
    const { htmlArtifact, bytes } = await withTempDir(async dir => {
      let planFile: string | undefined;
      if (stored.plan) {
        planFile = path.join(dir, 'plan.json');
        await pipeline(
          await this.artifacts.open(stored.plan),
          fs.createWriteStream(planFile),
        );
      }
      // The log goes into the report too (its errors and warnings shown),
      // when it is of a size a page can hold.
      let logFile: string | undefined;
      if (
        stored.log &&
        (logOnly || stored.log.size <= MAX_EMBEDDED_LOG_BYTES)
      ) {
        logFile = path.join(dir, 'log.txt');
        await pipeline(
          await this.artifacts.open(stored.log),
          fs.createWriteStream(logFile),
        );
      }
      const output = path.join(dir, 'report.html');
      const rendered = await this.heavy.run(
        'renderReport',
        {
          plan: planFile,
          log: logFile,
          output,
          options: {
            displayName: report.displayName,
            repository: report.repository,
            folder: report.folder,
            buildName: report.buildName,
            buildUrl: report.buildUrl,
            generatedAt: report.createdAt,
            toolName: report.metadata.toolName,
            toolVersion: report.metadata.toolVersion,
            redaction: this.artifacts.redaction,
            // what was masked in the log when it was stored
            logRedaction: logFile ? stored.log?.redaction : undefined,
          },
        },
        {
          inputBytes: (stored.plan?.size ?? 0) + (stored.log?.size ?? 0),
          background: true,
        },
      );
      // A key of its own per plan: CI's HTML (same report id) and a render
      // of a newer plan running elsewhere never write over this one.
      const { stored: html } = await this.artifacts.store(
        {
          repository: report.repository,
          folder: report.folder,
          reportId: `${reportId}.rendered-${source.sha256.slice(0, 16)}`,
        },
        'html',
        readStream(output),
      );
      return { htmlArtifact: html, bytes: rendered.bytes };
    });
    const attached = await this.store.reports.attachRenderedHtml(
      reportId,
      source.sha256,
      htmlArtifact,
      new Date(),
    );
    if (!attached) {
      // The report changed while rendering: its own render job takes over.
      const now = await this.store.reports.getStoredArtifacts(reportId);
      if (now?.html?.key !== htmlArtifact.key) {
        await this.artifacts.deleteQuietly([htmlArtifact]);
      }
      return;
    }
    await this.events.emit('reportsChanged', { repository: report.repository });
    this.logger.info(
      `tofUI rendered report ${reportId} (${bytes} bytes) in ${
        Date.now() - started
      } ms`,
    );
  }
}
