import type {
  OverallStatus,
  Report,
  ReportType,
  Statuses,
} from '@internal/plugin-tofui-common';

/** Columns of `reports` that make up the API's Report. */
export const REPORT_COLUMNS = [
  'id',
  'report_type',
  'build_name',
  'display_name',
  'build_url',
  'html_url',
  'statuses',
  'overall_status',
  'created_at',
  'received_at',
] as const;

export interface ReportJoinedRow {
  id: string;
  report_type: ReportType;
  build_name: string;
  display_name: string | null;
  build_url: string | null;
  html_url: string | null;
  statuses: string | Statuses;
  overall_status: OverallStatus;
  created_at: Date | number | string;
  received_at: Date | number | string;
  repo_owner: string;
  repo_name: string;
  folder_name: string;
}

/** Postgres returns jsonb parsed; SQLite returns the text. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Postgres returns Date; SQLite returns the epoch milliseconds knex wrote. */
export function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toReport(row: ReportJoinedRow): Report {
  const report: Report = {
    id: row.id,
    repository: `${row.repo_owner}/${row.repo_name}`,
    folder: row.folder_name,
    reportType: row.report_type,
    buildName: row.build_name,
    statuses: parseJson<Statuses>(row.statuses),
    overallStatus: row.overall_status,
    createdAt: toDate(row.created_at).toISOString(),
    receivedAt: toDate(row.received_at).toISOString(),
  };
  if (row.display_name) report.displayName = row.display_name;
  if (row.html_url) report.htmlUrl = row.html_url;
  if (row.build_url) report.buildUrl = row.build_url;
  return report;
}
