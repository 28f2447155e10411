import { NotFoundError } from '@backstage/errors';
import type {
  ListReportsQuery,
  PublishReportRequest,
  Report,
  SummaryQuery,
  UpdateReportRequest,
} from '@internal/plugin-tofui-common';
import type { TofuiStore } from '../database/TofuiStore';
import { normalizeEntityRef } from './entityRefs';
import type { JsonBody, ResponseCache } from './ResponseCache';
import type { StatusTypeCache } from './StatusTypeCache';
import { toReportContent } from './reportContent';

const DEFAULT_LIST_LIMIT = 50;
const DEFAULT_SUMMARY_LIMIT = 1000;

/** Publishing, changing and reading reports: the rules between the API and the store. */
export class ReportService {
  constructor(
    private readonly store: TofuiStore,
    private readonly cache: ResponseCache,
    private readonly statusTypes: StatusTypeCache,
  ) {}

  /**
   * Creates the report, or updates the one of the same build. The report, the
   * folder's latest pointers and the audit record are written atomically, so
   * a failure leaves nothing half-written.
   */
  async publish(
    body: PublishReportRequest,
    actor: string,
    now = new Date(),
  ): Promise<{ report: Report; created: boolean }> {
    const statusTypes = await this.statusTypes.get();
    const { report, before } = await this.store.reports.publish(
      {
        repository: body.source_repo,
        folder: body.folder,
        reportType: body.report_type ?? 'build',
        buildName: body.build_name,
        ...toReportContent(body, statusTypes, now),
      },
      now,
      actor,
    );
    const result = { report, created: !before };
    await this.cache.invalidate();
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
        { entityType: 'report', entityId: id, action: 'update', actor, before, after },
        now,
      );
      return after;
    });
    await this.cache.invalidate();
    return report;
  }

  async delete(id: string, actor: string, now = new Date()): Promise<void> {
    await this.store.transaction(async tx => {
      const before = await tx.reports.delete(id);
      if (!before) {
        throw new NotFoundError(`No report with id ${id}`);
      }
      await tx.auditLog.record(
        { entityType: 'report', entityId: id, action: 'delete', actor, before },
        now,
      );
    });
    await this.cache.invalidate();
  }

  async get(id: string): Promise<Report> {
    const report = await this.store.reports.get(id);
    if (!report) {
      throw new NotFoundError(`No report with id ${id}`);
    }
    return report;
  }

  /** A page of reports (JSON text, cached). */
  async list(query: ListReportsQuery): Promise<JsonBody> {
    const [statusType, code] = query.statusCode?.split(':') ?? [];
    const filter = {
      repository: query.repository,
      folder: query.folder,
      reportType: query.type,
      overallStatus: query.status,
      statusCode: statusType ? { type: statusType, code: Number(code) } : undefined,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      text: query.q,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_LIST_LIMIT,
    };
    return this.cache.getOrLoad(`reports:${JSON.stringify(filter)}`, () =>
      this.store.reports.list(filter),
    );
  }

  /** The dashboard summary (JSON text, cached). */
  async summary(query: SummaryQuery): Promise<JsonBody> {
    const filter = {
      repository: query.repository,
      entityRef: query.entity && normalizeEntityRef(query.entity),
      overallStatus: query.status,
      text: query.q,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_SUMMARY_LIMIT,
    };
    return this.cache.getOrLoad(`summary:${JSON.stringify(filter)}`, () =>
      this.store.reports.summary(filter),
    );
  }
}
