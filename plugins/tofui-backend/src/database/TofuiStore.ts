import type {
  AuditEvent,
  Folder,
  FolderSummary,
  Insights,
  OverallStatus,
  PlanSummary,
  Report,
  ReportMetadata,
  ReportType,
  Repository,
  StatusCounts,
  StatusType,
  Statuses,
  ReportArtifactKind,
} from '@tofui/backstage-plugin-tofui-common';

import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { RedactionReport } from '@tofui/report';
import type {
  TofuiReportQuery,
  TofuiReportResource,
} from '@tofui/backstage-plugin-tofui-node';

export type { Page } from '@tofui/backstage-plugin-tofui-common';
import type { ChangeIndexStore } from './ChangeIndexStore';
import type { Page } from '@tofui/backstage-plugin-tofui-common';

/**
 * One condition on the reports a caller may read (`tofui.report.read`), as
 * the permission rules translate them (rules in @tofui/backstage-plugin-tofui-node).
 */
export type ReportAccessQuery = TofuiReportQuery;

/** The reports a caller may read; undefined (in filters) means all. */
export type ReportAccess = PermissionCriteria<ReportAccessQuery>;

/** Where an artifact is stored, and what it is. */
export interface StoredArtifact {
  key: string;
  size: number;
  sha256: string;
  contentType: string;
  /** What was masked in it when stored (a log's secrets of known shapes). */
  redaction?: RedactionReport;
}

export type StoredArtifacts = Partial<
  Record<ReportArtifactKind, StoredArtifact>
>;

/** The mutable content of a report. */
export interface ReportContent {
  displayName?: string;
  htmlUrl?: string;
  buildUrl?: string;
  statuses: Statuses;
  overallStatus: OverallStatus;
  metadata: ReportMetadata;
  summary?: PlanSummary;
  artifacts?: StoredArtifacts;
  /** When the CI run happened. */
  createdAt: Date;
}

/** A report to store; repository and folder are created on first use. */
export interface NewReport extends ReportContent {
  /** The id a new report gets (default: a new one). */
  id?: string;
  /** `owner/name` */
  repository: string;
  folder: string;
  reportType: ReportType;
  buildName: string;
}

export interface ReportFilter {
  repository?: string;
  folder?: string;
  reportType?: ReportType;
  overallStatus?: OverallStatus;
  /** A status type that has this code. */
  statusCode?: { type: string; code: number };
  from?: Date;
  to?: Date;
  /** Text in the build or display name. */
  text?: string;
  access?: ReportAccess;
  cursor?: string;
  limit: number;
}

/**
 * Folders of some repositories (an owner's, from the catalog): whole
 * repositories, and named folders of others. Empty matches nothing.
 */
export interface FolderScope {
  repositories: string[];
  folders: Array<{ repository: string; folders: string[] }>;
}

export interface SummaryFilter {
  repository?: string;
  entityRef?: string;
  scope?: FolderScope;
  /** Only folders with a latest report of this type, judged by that report. */
  reportType?: ReportType;
  overallStatus?: OverallStatus;
  /** Only folders whose latest run is at or after this time. */
  since?: Date;
  /** Text in the repository or folder name. */
  text?: string;
  access?: ReportAccess;
  sort?: 'status' | 'name' | 'recent';
  cursor?: string;
  limit: number;
}

export interface InsightsFilter {
  from: Date;
  to: Date;
  repository?: string;
  scope?: FolderScope;
  access?: ReportAccess;
  top: number;
}

/** Which reports retention removes; see queryRetentionCandidates. */
export interface RetentionFilter {
  /** Reports kept per folder and report type, newest first. */
  keep: number;
  /** Also remove reports older than this (never a folder's latest). */
  olderThan?: Date;
  /** Candidates with a greater id than this (paging). */
  afterId?: string;
  limit: number;
}

/** A report retention removes. */
export interface RetentionCandidate {
  id: string;
  /** `owner/name` */
  repository: string;
  folder: string;
  reportType: ReportType;
  createdAt: Date;
}

export interface ReportStore {
  /**
   * Creates the report, or updates the one with the same repository, folder,
   * type and build name, and records it in the audit log as done by `actor`,
   * atomically. Returns the report and what was there before.
   */
  publish(
    report: NewReport,
    now: Date,
    actor: string,
  ): Promise<{
    report: Report;
    before?: Report;
    beforeArtifacts?: StoredArtifacts;
  }>;
  /** The id of the report of a build, if there is one. */
  findId(build: {
    repository: string;
    folder: string;
    reportType: ReportType;
    buildName: string;
  }): Promise<string | undefined>;
  /**
   * Where tofUI's own rendering of the report stands (null: it renders
   * nothing), with the reason when it failed.
   */
  setRenderStatus(
    id: string,
    status: Report['renderStatus'] | null,
    reason?: string,
  ): Promise<void>;
  /**
   * Adds the HTML report rendered from the report's plan (or, without a plan,
   * from its log), if the report still has that artifact (same sha256) and
   * no HTML; returns whether it did.
   */
  attachRenderedHtml(
    id: string,
    sourceSha256: string,
    html: StoredArtifact,
    now: Date,
  ): Promise<boolean>;
  /**
   * A report's artifacts with their storage keys; undefined when there is no
   * such report (or `access` excludes it).
   */
  getStoredArtifacts(
    id: string,
    access?: ReportAccess,
  ): Promise<StoredArtifacts | undefined>;
  /** Replaces a report's content; undefined when there is no such report. */
  update(
    id: string,
    content: ReportContent,
    now: Date,
  ): Promise<Report | undefined>;
  /** Deletes a report; returns it and its stored artifacts, or undefined when there was none. */
  delete(
    id: string,
  ): Promise<{ report: Report; artifacts: StoredArtifacts } | undefined>;
  /** A report; undefined when there is none (or `access` excludes it). */
  get(id: string, access?: ReportAccess): Promise<Report | undefined>;
  /** Newest run first, by (created_at, id). */
  list(filter: ReportFilter): Promise<Page<Report>>;
  /** Latest build and test per folder, failing folders first. */
  summary(
    filter: SummaryFilter,
  ): Promise<Page<FolderSummary> & { counts: StatusCounts }>;
  /** Aggregates over the runs of a window (Insights view). */
  insights(filter: InsightsFilter): Promise<Insights>;
  /**
   * Reports that use a status type, in id order, `limit` at a time, with
   * their statuses (for recomputing verdicts).
   */
  listUsingStatusType(
    key: string,
    afterId: string | undefined,
    limit: number,
  ): Promise<
    Array<{
      id: string;
      folderId: string;
      statuses: Statuses;
      overallStatus: OverallStatus;
    }>
  >;
  setOverallStatus(ids: string[], status: OverallStatus): Promise<void>;
  /** Recomputes the folders' latest build and test report and verdict. */
  refreshFolders(folderIds: string[]): Promise<void>;
  /** Reports past the retention policy, by id. */
  listRetentionCandidates(
    filter: RetentionFilter,
  ): Promise<RetentionCandidate[]>;
  /**
   * Reports with artifacts written (published, republished, updated,
   * rendered) at or after `since`, most recently written first, at most
   * `limit` (replication verification).
   */
  listRecentArtifacts(since: Date, limit: number): Promise<RecentArtifacts[]>;
}

/** A report's artifacts and when the report was last written. */
export interface RecentArtifacts {
  id: string;
  updatedAt: Date;
  artifacts: StoredArtifacts;
}

export interface RepositoryRegistration {
  repository: string;
  displayName?: string;
  entityRef?: string;
  folders: string[];
}

export interface RepositoryFilter {
  entityRef?: string;
  text?: string;
  access?: ReportAccess;
  cursor?: string;
  limit: number;
}

export interface FolderFilter {
  repository?: string;
  overallStatus?: OverallStatus;
  access?: ReportAccess;
  cursor?: string;
  limit: number;
}

export interface RepositoryStore {
  /** Creates or updates a repository and adds the listed folders. */
  register(
    registration: RepositoryRegistration,
    now: Date,
  ): Promise<{ repository: Repository; before?: Repository }>;
  /** A repository; undefined when there is none (or `access` excludes it). */
  get(id: string, access?: ReportAccess): Promise<Repository | undefined>;
  list(filter: RepositoryFilter): Promise<Page<Repository>>;
  listFolders(filter: FolderFilter): Promise<Page<Folder>>;
  /** All folders of one repository, by name. */
  foldersOf(repositoryId: string): Promise<Folder[]>;
  /** The folder names of some repositories (`owner/name`; lower-case in the result). */
  folderNamesIn(
    repositories: string[],
  ): Promise<Array<{ repository: string; folder: string }>>;
}

/** A catalog entity annotated for tofUI, as the catalog sync sees it. */
export interface EntityMapping {
  entityRef: string;
  /** `owner/name` */
  repository: string;
  /** `tofui.io/folders` globs; undefined covers every folder. */
  folderPatterns?: string[];
  /** Targets of the entity's ownedBy relations. */
  ownerRefs: string[];
}

export interface EntityMappingStore {
  /**
   * Replaces every mapping with these (one sync of the catalog): registers
   * the repositories they name, points each repository's `entity_ref` at the
   * entity covering it, and resolves which folders each entity covers.
   * Returns the repositories that were registered by this call.
   */
  replaceAll(mappings: EntityMapping[], now: Date): Promise<string[]>;
  /** Resolves which mapped entities cover a folder (after a publish created it). */
  mapFolder(repository: string, folder: string): Promise<void>;
  /** Every mapping, by entity ref. */
  list(): Promise<EntityMapping[]>;
  /**
   * What an entity covers, as last synced: whole repositories (no
   * `tofui.io/folders`) and, for the others, the folders its patterns
   * matched. An entity not mapped covers nothing.
   */
  scopeOf(entityRef: string): Promise<FolderScope>;
  /** Where reports are and which entities cover them, in the order of `reportIds`. */
  coverageOfReports(
    reportIds: string[],
  ): Promise<Array<ReportCoverage | undefined>>;
}

/** A report's place and the catalog entities covering its folder (lower-case refs). */
export type ReportCoverage = TofuiReportResource;

export type StatusTypeSource = 'default' | 'config' | 'api';

export interface StatusTypeStore {
  list(): Promise<StatusType[]>;
  get(key: string): Promise<StatusType | undefined>;
  /** Creates or replaces a status type. */
  put(
    type: Omit<StatusType, 'source'>,
    source: StatusTypeSource,
    now: Date,
  ): Promise<{ statusType: StatusType; before?: StatusType }>;
}

export interface NewAuditEvent {
  entityType: AuditEvent['entityType'];
  entityId: string;
  action: AuditEvent['action'];
  actor: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  entityType?: AuditEvent['entityType'];
  entityId?: string;
  actor?: string;
  cursor?: string;
  limit: number;
}

export interface AuditLogStore {
  record(event: NewAuditEvent, now: Date): Promise<void>;
  list(filter: AuditFilter): Promise<Page<AuditEvent>>;
}

export interface Job {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

export interface JobStore {
  /**
   * Queues a job; with a dedupe key, nothing is queued while a job with that
   * key is waiting (a running job no longer holds its key).
   */
  enqueue(
    job: {
      type: string;
      payload: Record<string, unknown>;
      dedupeKey?: string;
      maxAttempts?: number;
      /** Not before this time (default now). */
      runAfter?: Date;
    },
    now: Date,
  ): Promise<void>;
  /**
   * Claims up to `limit` due jobs for `lockMs` (jobs whose lock expired, from
   * a worker that died, are due again). Safe with several workers: on
   * Postgres a job is claimed by exactly one.
   */
  claim(
    worker: string,
    limit: number,
    lockMs: number,
    now: Date,
  ): Promise<Job[]>;
  complete(id: string): Promise<void>;
  /** Removes the job waiting under `dedupeKey` (not one running); whether there was one. */
  cancel(dedupeKey: string): Promise<boolean>;
  /** Retries later with exponential backoff, or marks the job failed for good. */
  fail(job: Job, error: string, now: Date): Promise<void>;
  countPending(): Promise<number>;
}

/**
 * Everything tofUI stores in its database. One interface, one knex
 * implementation for SQLite and Postgres.
 */
export interface TofuiStore {
  reports: ReportStore;
  repositories: RepositoryStore;
  mappings: EntityMappingStore;
  statusTypes: StatusTypeStore;
  auditLog: AuditLogStore;
  jobs: JobStore;
  changes: ChangeIndexStore;
  /** Runs `fn` in one database transaction. */
  transaction<T>(fn: (store: TofuiStore) => Promise<T>): Promise<T>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
}
