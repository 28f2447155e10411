import type { components, operations } from './schema/openapi.generated';

type Schemas = components['schemas'];
type Query<Op extends keyof operations> = NonNullable<
  operations[Op]['parameters']['query']
>;

/** A published report as the API returns it. @public */
export type Report = Schemas['Report'];
/** Commit, branch, PR, CI provider, actor and tool of a report. @public */
export type ReportMetadata = Schemas['ReportMetadata'];
/** What a plan does, as counts. @public */
export type PlanSummary = Schemas['PlanSummary'];
/** The body CI sends to publish a report: the original tofUI report JSON. @public */
export type PublishReportRequest = Schemas['PublishReportRequest'];
/** The body of `PUT /v1/reports/{id}`. @public */
export type UpdateReportRequest = Schemas['UpdateReportRequest'];
/** `build` (merge/apply runs) or `test` (pull-request/plan runs). @public */
export type ReportType = Schemas['ReportType'];
/** Verdict of a report or folder. @public */
export type OverallStatus = Schemas['OverallStatus'];
/** Status type key → code. @public */
export type Statuses = Schemas['Statuses'];
/** How one code of a status type is shown, and whether it passes. @public */
export type StatusMapping = Schemas['StatusMapping'];
/** A status type (terraform_plan, tfsec, …) with its code mappings. @public */
export type StatusType = Schemas['StatusType'];
/** The body of `PUT /v1/status-types/{key}`. @public */
export type PutStatusTypeRequest = Schemas['PutStatusTypeRequest'];
/** A repository that publishes reports. @public */
export type Repository = Schemas['Repository'];
/** A repository with its folders. @public */
export type RepositoryDetail = Schemas['RepositoryDetail'];
/** The body of `POST /v1/repositories`. @public */
export type RegisterRepositoryRequest = Schemas['RegisterRepositoryRequest'];
/** A root module folder of a repository. @public */
export type Folder = Schemas['Folder'];
/** Latest build and test of one folder. @public */
export type FolderSummary = Schemas['FolderSummary'];
/** How many folders are failing, unknown and passing. @public */
export type StatusCounts = Schemas['StatusCounts'];
/** The dashboard summary: a page of folders and the counts of all. @public */
export type Summary = Schemas['Summary'];
/** One write recorded in the audit log. @public */
export type AuditEvent = Schemas['AuditEvent'];
/** Health of the tofUI backend. @public */
export type Health = Schemas['Health'];

/** Aggregates for the Insights view. @public */
export type Insights = Schemas['Insights'];

/** Query parameters of `GET /v1/insights`. @public */
export type InsightsQuery = Query<'GetInsights'>;

/** Query parameters of `GET /v1/reports`. @public */
export type ListReportsQuery = Query<'ListReports'>;
/** Query parameters of `GET /v1/summary`. @public */
export type SummaryQuery = Query<'GetSummary'>;
/** Query parameters of `GET /v1/repositories`. @public */
export type ListRepositoriesQuery = Query<'ListRepositories'>;
/** Query parameters of `GET /v1/folders`. @public */
export type ListFoldersQuery = Query<'ListFolders'>;
/** Query parameters of `GET /v1/audit`. @public */
export type ListAuditEventsQuery = Query<'ListAuditEvents'>;

/** A page of items and the cursor of the next page. @public */
export type Page<T> = {
  items: T[];
  nextCursor?: string;
};
