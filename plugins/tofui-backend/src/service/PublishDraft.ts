import { randomUUID } from 'node:crypto';
import type {
  PlanSummary,
  PublishReportRequest,
  Report,
  StatusType,
  ReportArtifactKind,
} from '@tofui/backstage-plugin-tofui-common';
import type { StoredArtifacts, TofuiStore } from '../database/TofuiStore';
import { indexChangesJob, renderReportJob } from '../queue/jobTypes';
import {
  ArtifactService,
  INDEX_AT_PUBLISH_MAX_CHANGES,
  type ArtifactUpload,
  type ReceivedArtifact,
} from './ArtifactService';
import type { PlannedChange } from '../changes/planChanges';
import { readStream } from '../processing/tempFiles';
import { mergeRedactionReports } from '@tofui/report';
import { toReportContent } from './reportContent';

/** How long the fallback of a write after publish waits (indexChanges). */
const INDEX_FALLBACK_DELAY_MS = 60_000;

/**
 * A publish in progress: artifacts are stored first, under the report's id,
 * and the report is written last, so a report never points at an artifact
 * that is not there. If anything fails before the report is written, the
 * artifacts stored so far are removed again (when the report is new; those of
 * an existing report are only replaced by a successful publish). The log is
 * stored at commit, masked with the sensitive values of the plan, whichever
 * of the two came first.
 */
export class PublishDraft {
  private readonly stored: StoredArtifacts = {};
  private planSummary?: PlanSummary;
  /** The plan's sensitive values, which the log is masked with. */
  private sensitive: string[] = [];
  /** The plan's change index rows, when kept from its parse at publish. */
  private planChanges?: PlannedChange[];
  /** The rows to write once the report is written (see indexAfterCommit). */
  private deferredIndex?: () => Promise<boolean>;
  /**
   * The log, held (in a temporary file) until commit: the plan to mask it
   * with may come after it.
   */
  private log?: ReceivedArtifact;
  private finished = false;

  static async start(options: {
    store: TofuiStore;
    artifacts: ArtifactService;
    body: PublishReportRequest;
    statusTypes: ReadonlyArray<StatusType>;
    now: Date;
  }): Promise<PublishDraft> {
    const build = {
      repository: options.body.source_repo,
      folder: options.body.folder,
      reportType: options.body.report_type ?? 'build',
      buildName: options.body.build_name,
    };
    const existingId = await options.store.reports.findId(build);
    return new PublishDraft(options, existingId ?? randomUUID(), !existingId);
  }

  private constructor(
    private readonly options: {
      store: TofuiStore;
      artifacts: ArtifactService;
      body: PublishReportRequest;
      statusTypes: ReadonlyArray<StatusType>;
      now: Date;
    },
    readonly reportId: string,
    private readonly isNew: boolean,
  ) {}

  async addArtifact(
    kind: ReportArtifactKind,
    upload: ArtifactUpload,
  ): Promise<void> {
    if (kind === 'log') {
      await this.log?.remove();
      this.log = await this.options.artifacts.receive(kind, upload);
      return;
    }
    await this.storeArtifact(kind, upload);
  }

  private async storeArtifact(
    kind: ReportArtifactKind,
    upload: ArtifactUpload,
  ) {
    const { stored, planSummary, sensitiveValues, changes } =
      await this.options.artifacts.store(
        {
          repository: this.options.body.source_repo,
          folder: this.options.body.folder,
          reportId: this.reportId,
        },
        kind,
        upload,
        { sensitive: this.sensitive },
      );
    if (kind === 'log') {
      // what the publisher masked before sending (the CLI masks in CI)
      // and what was masked here
      const redaction = mergeRedactionReports(
        this.options.body.log_redaction,
        stored.redaction,
      );
      this.stored.log = { ...stored, ...(redaction && { redaction }) };
    } else {
      this.stored[kind] = stored;
    }
    if (kind === 'plan') {
      this.planChanges = changes;
    }
    if (planSummary) {
      this.planSummary = planSummary;
    }
    if (sensitiveValues) {
      this.sensitive = sensitiveValues;
    }
  }

  /**
   * Whether tofUI renders this report's HTML: it has no HTML, and a plan or
   * a log alone (an apply, a failed init/validate/plan) to render it from.
   */
  get needsRender(): boolean {
    return (!!this.stored.plan || !!this.stored.log) && !this.stored.html;
  }

  /**
   * Whether the change index job runs: the report has a plan or a log (an
   * apply's per-resource results), or had rows of an earlier publish to
   * remove. Queued once the report is written, so the job finds it.
   */
  get queuesIndexing(): boolean {
    return !!this.stored.plan || !!this.stored.log || !this.isNew;
  }

  /**
   * Writes the report; afterwards deletes the artifacts the report no longer
   * uses. A report to render gets its job queued first: should the report
   * not be written, the job finds nothing to do.
   */
  async commit(actor: string): Promise<{ report: Report; created: boolean }> {
    const { store, artifacts, body, statusTypes, now } = this.options;
    try {
      if (this.log) {
        await this.storeArtifact('log', readStream(this.log.file));
        await this.removeLog();
      }
      if (this.needsRender) {
        await store.jobs.enqueue(renderReportJob(this.reportId), now);
      }
      const content = toReportContent(body, statusTypes, now);
      const { report, before, beforeArtifacts } = await store.reports.publish(
        {
          id: this.reportId,
          repository: body.source_repo,
          folder: body.folder,
          reportType: body.report_type ?? 'build',
          buildName: body.build_name,
          ...content,
          summary: content.summary ?? this.planSummary,
          artifacts: this.stored,
        },
        now,
        actor,
      );
      this.finished = true;
      if (this.queuesIndexing) {
        await this.indexChanges();
      }
      await artifacts.deleteQuietly(
        ArtifactService.replaced(beforeArtifacts, this.stored),
      );
      const renderStatus = this.needsRender ? 'pending' : undefined;
      if (renderStatus || report.renderStatus) {
        await store.reports.setRenderStatus(
          this.reportId,
          renderStatus ?? null,
        );
      }
      const { renderStatus: _previous, ...rest } = report;
      return {
        report: renderStatus ? { ...rest, renderStatus } : rest,
        created: !before,
      };
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /**
   * Indexes the plan parsed at publish without parsing it again, once the
   * report is written: a small plan's rows now; a larger one's after the
   * response (indexAfterCommit), with a fallback job, due a minute later,
   * that the write cancels. A log, a plan too large to keep its rows, or an
   * error is left to the index job (which parses the stored artifact).
   */
  private async indexChanges() {
    const { store, now } = this.options;
    const plan = this.stored.plan;
    const changes = this.planChanges;
    if (plan && changes && changes.length > INDEX_AT_PUBLISH_MAX_CHANGES) {
      const fallback = indexChangesJob(this.reportId, {
        sourceSha256: plan.sha256,
        runAfter: new Date(now.getTime() + INDEX_FALLBACK_DELAY_MS),
      });
      await store.jobs.enqueue(fallback, now);
      this.deferredIndex = async () => {
        const written = await this.writeChanges(plan.sha256, changes);
        if (written) await store.jobs.cancel(fallback.dedupeKey!);
        return written;
      };
      return;
    }
    if (plan && changes && (await this.writeChanges(plan.sha256, changes))) {
      return;
    }
    await store.jobs.enqueue(indexChangesJob(this.reportId), now);
  }

  /**
   * Writes the rows of a larger plan, after the report is written and the
   * publish answered. Whether it did; when not (an error, a republish
   * meanwhile, the process gone), the fallback job writes them.
   */
  async indexAfterCommit(): Promise<boolean> {
    const write = this.deferredIndex;
    this.deferredIndex = undefined;
    return write ? write().catch(() => false) : false;
  }

  private async writeChanges(sourceSha256: string, changes: PlannedChange[]) {
    try {
      return await this.options.store.changes.replaceForReport(
        this.reportId,
        sourceSha256,
        changes,
      );
    } catch {
      return false; // the job retries
    }
  }

  private async removeLog() {
    const log = this.log;
    this.log = undefined;
    await log?.remove();
  }

  /** Gives up: removes what this publish stored, if the report is new. */
  async abort(): Promise<void> {
    await this.removeLog();
    if (this.finished) {
      return;
    }
    this.finished = true;
    if (this.isNew) {
      await this.options.artifacts.deleteQuietly(Object.values(this.stored));
    }
  }
}
