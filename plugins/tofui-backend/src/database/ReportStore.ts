import type {
  FolderSummary,
  OverallStatus,
  Report,
  ReportType,
  StatusType,
  Statuses,
} from '@internal/plugin-tofui-common';

/** A report to store; repository and folder are created on first use. */
export interface NewReport {
  /** `owner/name` */
  repository: string;
  folder: string;
  reportType: ReportType;
  buildName: string;
  displayName?: string;
  htmlUrl?: string;
  buildUrl?: string;
  statuses: Statuses;
  overallStatus: OverallStatus;
  /** When the CI run happened. */
  createdAt: Date;
  receivedAt: Date;
}

export interface ReportFilter {
  repository?: string;
  folder?: string;
  reportType?: ReportType;
  limit: number;
}

export interface SummaryFilter {
  repository?: string;
}

/**
 * Persistence of repositories, folders, reports and status types. One
 * implementation (knex) serves SQLite and Postgres.
 */
export interface ReportStore {
  /**
   * Creates the report, or updates the one with the same repository, folder,
   * type and build name. Safe under concurrent publishes of the same build.
   */
  upsertReport(report: NewReport): Promise<{ report: Report; created: boolean }>;
  /** Reports newest run first. */
  listReports(filter: ReportFilter): Promise<Report[]>;
  /** Latest build and test per folder, failing folders first. */
  getSummary(filter: SummaryFilter): Promise<FolderSummary[]>;
  listStatusTypes(): Promise<StatusType[]>;
  /** Adds the given status types where no type with that key exists yet. */
  addMissingStatusTypes(types: ReadonlyArray<StatusType>): Promise<void>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
}
