import type { components, operations } from './schema/openapi.generated';

/**
 * The schemas of the tofUI API, generated from its OpenAPI document (the
 * named types below are the ones to import).
 * @public
 */
export type TofuiApiSchemas = components['schemas'];
/**
 * The query parameters of a tofUI API operation, generated from its OpenAPI
 * document.
 * @public
 */
export type TofuiApiQuery<Op extends keyof TofuiApiOperations> = NonNullable<
  TofuiApiOperations[Op]['parameters']['query']
>;
/**
 * The operations of the tofUI API, generated from its OpenAPI document.
 * @public
 */
export type TofuiApiOperations = operations;

/** A published report as the API returns it. @public */
export type Report = TofuiApiSchemas['Report'];
/** Commit, branch, PR, CI provider, actor and tool of a report. @public */
export type ReportMetadata = TofuiApiSchemas['ReportMetadata'];
/** What a plan does, as counts. @public */
export type PlanSummary = TofuiApiSchemas['PlanSummary'];
/** The body CI sends to publish a report: the original tofUI report JSON. @public */
export type PublishReportRequest = TofuiApiSchemas['PublishReportRequest'];
/** The body of `PUT /v1/reports/{id}`. @public */
export type UpdateReportRequest = TofuiApiSchemas['UpdateReportRequest'];
/** `build` (merge/apply runs) or `test` (pull-request/plan runs). @public */
export type ReportType = TofuiApiSchemas['ReportType'];
/** Verdict of a report or folder. @public */
export type OverallStatus = TofuiApiSchemas['OverallStatus'];
/** Status type key → code. @public */
export type Statuses = TofuiApiSchemas['Statuses'];
/** How one code of a status type is shown, and whether it passes. @public */
export type StatusMapping = TofuiApiSchemas['StatusMapping'];
/** A status type (terraform_plan, tfsec, …) with its code mappings. @public */
export type StatusType = TofuiApiSchemas['StatusType'];
/** The body of `PUT /v1/status-types/{key}`. @public */
export type PutStatusTypeRequest = TofuiApiSchemas['PutStatusTypeRequest'];
/** A repository that publishes reports. @public */
export type Repository = TofuiApiSchemas['Repository'];
/** A repository with its folders. @public */
export type RepositoryDetail = TofuiApiSchemas['RepositoryDetail'];
/** The body of `POST /v1/repositories`. @public */
export type RegisterRepositoryRequest =
  TofuiApiSchemas['RegisterRepositoryRequest'];
/** A root module folder of a repository. @public */
export type Folder = TofuiApiSchemas['Folder'];
/** Latest build and test of one folder. @public */
export type FolderSummary = TofuiApiSchemas['FolderSummary'];
/** How many folders are failing, unknown and passing. @public */
export type StatusCounts = TofuiApiSchemas['StatusCounts'];
/** The dashboard summary: a page of folders and the counts of all. @public */
export type Summary = TofuiApiSchemas['Summary'];
/** One write recorded in the audit log. @public */
export type AuditEvent = TofuiApiSchemas['AuditEvent'];
/** Health of the tofUI backend. @public */
export type Health = TofuiApiSchemas['Health'];

/** Aggregates for the Insights view. @public */
export type Insights = TofuiApiSchemas['Insights'];

/** Query parameters of `GET /v1/insights`. @public */
export type InsightsQuery = TofuiApiQuery<'GetInsights'>;

/** Query parameters of `GET /v1/reports`. @public */
export type ListReportsQuery = TofuiApiQuery<'ListReports'>;
/** Query parameters of `GET /v1/summary`. @public */
export type SummaryQuery = TofuiApiQuery<'GetSummary'>;
/** Query parameters of `GET /v1/repositories`. @public */
export type ListRepositoriesQuery = TofuiApiQuery<'ListRepositories'>;
/** Query parameters of `GET /v1/folders`. @public */
export type ListFoldersQuery = TofuiApiQuery<'ListFolders'>;
/** Query parameters of `GET /v1/audit`. @public */
export type ListAuditEventsQuery = TofuiApiQuery<'ListAuditEvents'>;

/** A page of items and the cursor of the next page. @public */
export type Page<T> = {
  items: T[];
  nextCursor?: string;
};

/** What a plan does to a resource, as the change index records it. @public */
export type ChangeAction = TofuiApiSchemas['ChangeAction'];

/** One changed resource of an indexed plan (attribute paths, never values). @public */
export type Change = TofuiApiSchemas['Change'];
/** Query parameters of `GET /v1/changes`. @public */
export type ListChangesQuery = TofuiApiQuery<'ListChanges'>;
/** Query parameters of `GET /v1/resources/history`. @public */
export type ResourceHistoryQuery = TofuiApiQuery<'GetResourceHistory'>;
/** Two plans compared resource by resource, keyed by address. @public */
export type ReportCompare = TofuiApiSchemas['ReportCompare'];
/** One entry of the drift ledger. @public */
export type Drift = TofuiApiSchemas['Drift'];
/** Query parameters of `GET /v1/drift`. @public */
export type ListDriftQuery = TofuiApiQuery<'ListDrift'>;
/** A folder whose latest plan has changes no passing apply followed. @public */
export type Pending = TofuiApiSchemas['Pending'];
/** Query parameters of `GET /v1/pending`. @public */
export type ListPendingQuery = TofuiApiQuery<'ListPending'>;
