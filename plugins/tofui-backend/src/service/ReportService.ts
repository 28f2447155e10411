import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  type InsightsQuery,
  type ListReportsQuery,
  type PublishReportRequest,
  type Report,
  type ReportArtifactKind,
  type SummaryQuery,
  type UpdateReportRequest,
} from '@tofui/backstage-plugin-tofui-common';
import { hash } from 'node:crypto';
import type {
  InsightsFilter,
  ReportAccess,
  SummaryFilter,
  TofuiStore,
} from '../database/TofuiStore';
import type { FolderScopes } from './FolderScopes';
import type { ArtifactService, ArtifactUpload } from './ArtifactService';
import { PublishDraft } from './PublishDraft';
import { normalizeEntityRef } from './entityRefs';
import type { TofuiEvents } from '../events/TofuiEvents';
import type { JsonBody } from './JsonBody';
import type { ResponseCache } from './ResponseCache';
import type { StatusTypeCache } from './StatusTypeCache';
import { toReportContent } from './reportContent';

const DEFAULT_LIST_LIMIT = 50;
const DEFAULT_SUMMARY_LIMIT = 1000;
const DEFAULT_INSIGHTS_DAYS = 30;
const DEFAULT_INSIGHTS_TOP = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Publishing, changing and reading reports: the rules between the API and the store. */
export class ReportService {
  constructor(
    private readonly store: TofuiStore,
    private readonly cache: ResponseCache,
    private readonly statusTypes: StatusTypeCache,
    private readonly artifacts: ArtifactService,
    private readonly scopes: FolderScopes,
    private readonly events: TofuiEvents,
  ) {}

  /**
   * Starts publishing a report: artifacts are added to the draft, then it is
   * committed. See {@link PublishDraft}.
   */
  async startPublish(
    body: PublishReportRequest,
    now = new Date(),
  ): Promise<PublishDraft> {
    return PublishDraft.start({
      store: this.store,
      artifacts: this.artifacts,
      body,
      statusTypes: await this.statusTypes.get(),
      now,
    });
  }

  /**
   * Creates the report, or updates the one of the same build, with its
   * artifacts (decoded by the route). The report, the folder's latest pointers and the
   * audit record are written atomically, after the artifacts are stored.
   */
  async publish(
    body: PublishReportRequest,
    uploads: Iterable<[ReportArtifactKind, ArtifactUpload]>,
    actor: string,
    now = new Date(),
  ): Promise<{ report: Report; created: boolean }> {
    const draft = await this.startPublish(body, now);
    try {
      for (const [kind, upload] of uploads) {
        await draft.addArtifact(kind, upload);
      }
    } catch (error) {
      await draft.abort();
      throw error;
    }
    return this.commitPublish(draft, actor);
  }

  /** Ends a publish started with {@link startPublish}. */
  async commitPublish(draft: PublishDraft, actor: string) {
    const result = await draft.commit(actor);
    // A new folder is covered by the entities mapping its repository.
    await this.store.mappings.mapFolder(
      result.report.repository,
      result.report.folder,
    );
    await this.events.emit('reportsChanged', {
      repository: result.report.repository,
    });
    if (draft.needsRender || draft.queuesIndexing) {
      await this.events.emit('jobsQueued', {});
    }
    await this.events.emit('reportPublished', { report: result.report });
    // A larger plan's index rows are written after the answer, which does
    // not wait for them; should this replica stop first, the fallback job
    // writes them.
    draft
      .indexAfterCommit()
      .then(async written => {
        if (written) await this.events.emit('changesIndexed', {});
      })
      .catch(() => {}); // the signal is a hint; the rows are written
    return result;
  }

  async update(
    id: string,
    body: UpdateReportRequest,
    actor: string,
    now = new Date(),
  ): Promise<Report> {
    const statusTypes = await this.statusTypes.get();
    const report = await this.store.transaction(async tx => {
      const before = await tx.reports.get(id);
      if (!before) {
        throw new NotFoundError(`No report with id ${id}`);
      }
      const after = (await tx.reports.update(
        id,
        toReportContent(body, statusTypes, new Date(before.createdAt)),
        now,
      ))!;
      await tx.auditLog.record(
        {
          entityType: 'report',
          entityId: id,
          action: 'update',
          actor,
          before,
          after,
        },
        now,
      );
      return after;
    });
    await this.events.emit('reportsChanged', { repository: report.repository });
    return report;
  }

  /** Deletes a report, then its artifacts. */
  async delete(id: string, actor: string, now = new Date()): Promise<void> {
    const deleted = await this.store.transaction(async tx => {
      const removed = await tx.reports.delete(id);
      if (!removed) {
        throw new NotFoundError(`No report with id ${id}`);
      }
      await tx.auditLog.record(
        {
          entityType: 'report',
          entityId: id,
          action: 'delete',
          actor,
          before: removed.report,
        },
        now,
      );
      return removed;
    });
    await this.events.emit('reportsChanged', {
      repository: deleted.report.repository,
    });
    await this.artifacts.deleteQuietly(Object.values(deleted.artifacts));
  }

  /**
   * A stored artifact of a report, to stream; 404 when either is missing
   * (or `access` excludes the report).
   */
  async openArtifact(
    id: string,
    kind: ReportArtifactKind,
    access: ReportAccess | undefined,
  ) {
    const stored = (await this.store.reports.getStoredArtifacts(id, access))?.[
      kind
    ];
    if (!stored) {
      throw new NotFoundError(`Report ${id} has no ${kind} artifact`);
    }
    return { stored, stream: await this.artifacts.open(stored) };
  }

  /** A report; 404 when there is none or `access` excludes it. */
  async get(id: string, access?: ReportAccess): Promise<Report> {
    const report = await this.store.reports.get(id, access);
    if (!report) {
      throw new NotFoundError(`No report with id ${id}`);
    }
    return report;
  }

  /** A page of reports (JSON text, cached). */
  async list(
    query: ListReportsQuery,
    access: ReportAccess | undefined,
  ): Promise<JsonBody> {
    const [statusType, code] = query.statusCode?.split(':') ?? [];
    const filter = {
      repository: query.repository,
      folder: query.folder,
      reportType: query.type,
      overallStatus: query.status,
      statusCode: statusType
        ? { type: statusType, code: Number(code) }
        : undefined,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      text: query.q,
      access,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIST_LIMIT,
    };
    return this.cache.getOrLoad(
      cacheKey('reports', filter),
      () => this.store.reports.list(filter),
      query.repository,
    );
  }

  /**
   * The dashboard summary (JSON text, cached). An owner filter is resolved
   * through the catalog as the caller sees it, so the cache key holds the
   * resolved scope, not the owner.
   */
  async summary(
    query: SummaryQuery,
    credentials: BackstageCredentials,
    access: ReportAccess | undefined,
  ): Promise<JsonBody> {
    const filter: SummaryFilter = {
      repository: query.repository,
      entityRef: query.entity && normalizeEntityRef(query.entity),
      scope: await this.scopes.of({ owner: query.owner }, credentials),
      reportType: query.type,
      overallStatus: query.status,
      since: query.since ? new Date(query.since) : undefined,
      text: query.q,
      access,
      sort: query.sort,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_SUMMARY_LIMIT,
    };
    return this.cache.getOrLoad(
      cacheKey('summary', filter),
      () => this.store.reports.summary(filter),
      query.repository,
    );
  }

  /** The Insights aggregates over the last `days` UTC days (JSON text, cached). */
  async insights(
    query: InsightsQuery,
    credentials: BackstageCredentials,
    access: ReportAccess | undefined,
    now = new Date(),
  ): Promise<JsonBody> {
    const days = query.days ?? DEFAULT_INSIGHTS_DAYS;
    const today = Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate(),
    );
    const filter: InsightsFilter = {
      from: new Date(today - (days - 1) * DAY_MS),
      to: new Date(today + DAY_MS),
      repository: query.repository,
      scope: await this.scopes.of({ owner: query.owner }, credentials),
      access,
      top: query.top ?? DEFAULT_INSIGHTS_TOP,
    };
    return this.cache.getOrLoad(
      cacheKey('insights', filter),
      () => this.store.reports.insights(filter),
      query.repository,
    );
  }
}

/**
 * A cache key for a filter (including the caller's access); hashed, as an
 * owner's scope or access conditions can be long.
 */
function cacheKey(kind: string, filter: object): string {
  // the one-shot hash: a Hash object costs more than hashing a filter
  return `${kind}:${hash('sha256', JSON.stringify(filter), 'base64url')}`;
}
