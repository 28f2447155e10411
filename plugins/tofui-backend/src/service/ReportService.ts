import { InputError } from '@backstage/errors';
import {
  DEFAULT_STATUS_TYPES,
  type FolderSummary,
  type ListReportsQuery,
  type PublishReportRequest,
  type Report,
  type StatusType,
  type SummaryQuery,
  deriveOverallStatus,
} from '@internal/plugin-tofui-common';
import type { ReportStore } from '../database/ReportStore';
import type { ResponseCache } from './ResponseCache';

const DEFAULT_LIST_LIMIT = 50;

/** Publishing and reading reports: the rules between the API and the store. */
export class ReportService {
  constructor(
    private readonly store: ReportStore,
    private readonly cache: ResponseCache,
  ) {}

  /** Seeds the default status types that are not stored yet. */
  async initialize(): Promise<void> {
    await this.store.addMissingStatusTypes(DEFAULT_STATUS_TYPES);
  }

  async publish(
    body: PublishReportRequest,
    receivedAt = new Date(),
  ): Promise<{ report: Report; created: boolean }> {
    const createdAt = body.timestamp ? new Date(body.timestamp) : receivedAt;
    if (Number.isNaN(createdAt.getTime())) {
      throw new InputError('timestamp must be an ISO-8601 date-time');
    }
    const statusTypes = await this.store.listStatusTypes();
    const result = await this.store.upsertReport({
      repository: body.source_repo,
      folder: body.folder,
      reportType: body.report_type ?? 'build',
      buildName: body.build_name,
      displayName: body.display_name,
      htmlUrl: body.html_url,
      buildUrl: body.build_url,
      statuses: body.statuses,
      overallStatus: deriveOverallStatus(body.statuses, statusTypes),
      createdAt,
      receivedAt,
    });
    await this.cache.invalidate();
    return result;
  }

  async list(query: ListReportsQuery): Promise<Report[]> {
    const filter = {
      repository: query.repository,
      folder: query.folder,
      reportType: query.type,
      limit: query.limit ?? DEFAULT_LIST_LIMIT,
    };
    return this.cache.getOrLoad(`reports:${JSON.stringify(filter)}`, () =>
      this.store.listReports(filter),
    );
  }

  async summary(query: SummaryQuery): Promise<FolderSummary[]> {
    const filter = { repository: query.repository };
    return this.cache.getOrLoad(`summary:${JSON.stringify(filter)}`, () =>
      this.store.getSummary(filter),
    );
  }

  async statusTypes(): Promise<StatusType[]> {
    return this.store.listStatusTypes();
  }
}
