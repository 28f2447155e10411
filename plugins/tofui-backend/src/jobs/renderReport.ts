import type { LoggerService } from '@backstage/backend-plugin-api';
import { parsePlan, renderPlanReport } from '@tofui/report';
import { text } from 'node:stream/consumers';
import type { TofuiStore } from '../database/TofuiStore';
import type { TofuiEvents } from '../events/TofuiEvents';
import type { ClaimedJob } from '../queue/jobTypes';
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
  ) {}

  async handle(job: ClaimedJob<'render-report'>): Promise<void> {
    const reportId = String(job.payload.reportId);
    try {
      await this.render(reportId);
    } catch (error) {
      if (job.attempts >= job.maxAttempts) {
        await this.store.reports.setRenderStatus(reportId, 'failed');
        await this.events.emit('reportsChanged', {});
      }
      throw error;
    }
  }

  private async render(reportId: string): Promise<void> {
    const [report, stored] = await Promise.all([
      this.store.reports.get(reportId),
      this.store.reports.getStoredArtifacts(reportId),
    ]);
    if (!report || !stored?.plan || stored.html) {
      return; // deleted, or nothing (left) to render
    }
    const started = Date.now();
    const { plan, warnings } = parsePlan(
      await text(await this.artifacts.open(stored.plan)),
    );
    // The log goes into the report too (its errors and warnings shown), when
    // it is of a size a page can hold.
    const log =
      stored.log && stored.log.size <= MAX_EMBEDDED_LOG_BYTES
        ? await text(await this.artifacts.open(stored.log))
        : undefined;
    const html = await renderPlanReport(plan, {
      displayName: report.displayName,
      repository: report.repository,
      folder: report.folder,
      buildName: report.buildName,
      buildUrl: report.buildUrl,
      generatedAt: report.createdAt,
      toolName: report.metadata.toolName,
      toolVersion: report.metadata.toolVersion,
      warnings,
      log,
      redaction: this.artifacts.redaction,
    });
    // A key of its own per plan: CI's HTML (same report id) and a render of
    // a newer plan running elsewhere never write over this one.
    const { stored: htmlArtifact } = await this.artifacts.store(
      {
        repository: report.repository,
        folder: report.folder,
        reportId: `${reportId}.rendered-${stored.plan.sha256.slice(0, 16)}`,
      },
      'html',
      Buffer.from(html),
    );
    const attached = await this.store.reports.attachRenderedHtml(
      reportId,
      stored.plan.sha256,
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
      `tofUI rendered report ${reportId} (${html.length} bytes) in ${
        Date.now() - started
      } ms`,
    );
  }
}
