import type {
  AuditEvent,
  Folder,
  OverallStatus,
  PlanSummary,
  Report,
  ReportMetadata,
  ReportType,
  Repository,
  Statuses,
} from '@tofui/backstage-plugin-tofui-common';
import type { StoredArtifact } from '../TofuiStore';

type RenderStatus = NonNullable<Report['renderStatus']>;

type DbDate = Date | number | string;

/** Postgres returns jsonb parsed; SQLite returns the text. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Postgres returns Date; SQLite returns the epoch milliseconds knex wrote. */
export function toDate(value: DbDate): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toIso(value: DbDate): string {
  return toDate(value).toISOString();
}

/** Columns of `reports` selected for the API's Report. */
export const REPORT_COLUMNS = [
  'id',
  'report_type',
  'build_name',
  'display_name',
  'build_url',
  'html_url',
  'statuses',
  'overall_status',
  'metadata',
  'summary',
  'artifacts',
  'render_status',
  'render_error',
  'created_at',
  'received_at',
  'updated_at',
] as const;

export interface ReportRow {
  id: string;
  report_type: ReportType;
  build_name: string;
  display_name: string | null;
  build_url: string | null;
  html_url: string | null;
  statuses: string | Statuses;
  overall_status: OverallStatus;
  metadata: string | ReportMetadata | null;
  summary: string | PlanSummary | null;
  artifacts:
    | string
    | Record<string, Omit<StoredArtifact, 'key'> & { key?: string }>
    | null;
  render_status: RenderStatus | null;
  render_error?: string | null;
  created_at: DbDate;
  received_at: DbDate;
  updated_at: DbDate;
  repo_owner: string;
  repo_name: string;
  folder_name: string;
}

export function toReport(row: ReportRow): Report {
  const report: Report = {
    id: row.id,
    repository: `${row.repo_owner}/${row.repo_name}`,
    folder: row.folder_name,
    reportType: row.report_type,
    buildName: row.build_name,
    statuses: parseJson<Statuses>(row.statuses),
    overallStatus: row.overall_status,
    metadata: parseJson<ReportMetadata>(row.metadata) ?? {},
    createdAt: toIso(row.created_at),
    receivedAt: toIso(row.received_at),
    updatedAt: toIso(row.updated_at),
  };
  if (row.display_name) report.displayName = row.display_name;
  if (row.html_url) report.htmlUrl = row.html_url;
  if (row.build_url) report.buildUrl = row.build_url;
  const summary = parseJson<PlanSummary | null>(row.summary);
  if (summary) report.summary = summary;
  const artifacts = parseJson<ReportRow['artifacts']>(row.artifacts);
  if (artifacts && Object.keys(artifacts).length > 0) {
    // Storage keys stay inside: the API serves artifacts by report id.
    report.artifacts = Object.fromEntries(
      Object.entries(artifacts).map(
        ([kind, { size, sha256, contentType, redaction }]) => [
          kind,
          { size, sha256, contentType, ...(redaction && { redaction }) },
        ],
      ),
    );
  }
  if (row.render_status) report.renderStatus = row.render_status;
  if (row.render_status === 'failed' && row.render_error) {
    report.renderError = row.render_error;
  }
  return report;
}

export interface RepositoryRow {
  id: string;
  owner: string;
  name: string;
  display_name: string | null;
  entity_ref: string | null;
  folder_count: number | string;
  created_at: DbDate;
  updated_at: DbDate;
}

export function toRepository(row: RepositoryRow): Repository {
  const repository: Repository = {
    id: row.id,
    repository: `${row.owner}/${row.name}`,
    owner: row.owner,
    name: row.name,
    folderCount: Number(row.folder_count),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
  if (row.display_name) repository.displayName = row.display_name;
  if (row.entity_ref) repository.entityRef = row.entity_ref;
  return repository;
}

export interface FolderRow {
  id: string;
  repository_id: string;
  name: string;
  display_name: string | null;
  overall_status: OverallStatus;
  latest_build_report_id: string | null;
  latest_test_report_id: string | null;
  created_at: DbDate;
  repo_owner: string;
  repo_name: string;
}

export function toFolder(row: FolderRow): Folder {
  const folder: Folder = {
    id: row.id,
    repositoryId: row.repository_id,
    repository: `${row.repo_owner}/${row.repo_name}`,
    name: row.name,
    overallStatus: row.overall_status,
    createdAt: toIso(row.created_at),
  };
  if (row.display_name) folder.displayName = row.display_name;
  if (row.latest_build_report_id)
    folder.latestBuildReportId = row.latest_build_report_id;
  if (row.latest_test_report_id)
    folder.latestTestReportId = row.latest_test_report_id;
  return folder;
}

export interface AuditRow {
  id: string;
  entity_type: AuditEvent['entityType'];
  entity_id: string;
  action: AuditEvent['action'];
  actor: string;
  changes: string | { before?: unknown; after?: unknown } | null;
  created_at: DbDate;
}

export function toAuditEvent(row: AuditRow): AuditEvent {
  const changes =
    parseJson<{ before?: unknown; after?: unknown } | null>(row.changes) ?? {};
  const event: AuditEvent = {
    id: row.id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    actor: row.actor,
    createdAt: toIso(row.created_at),
  };
  if (changes.before !== undefined) event.before = changes.before;
  if (changes.after !== undefined) event.after = changes.after;
  return event;
}

/** Escapes LIKE wildcards so user text matches literally (with `ESCAPE '\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, c => `\\${c}`)}%`;
}
