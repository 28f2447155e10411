import type { components, operations } from './schema/openapi.generated';

type Schemas = components['schemas'];

/** A published report as the API returns it. @public */
export type Report = Schemas['Report'];
/** The body CI sends to publish a report: the original tofUI report JSON. @public */
export type PublishReportRequest = Schemas['PublishReportRequest'];
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
/** Latest build and test of one folder. @public */
export type FolderSummary = Schemas['FolderSummary'];
/** Health of the tofUI backend. @public */
export type Health = Schemas['Health'];

/** Query parameters of `GET /v1/reports`. @public */
export type ListReportsQuery = NonNullable<
  operations['ListReports']['parameters']['query']
>;
/** Query parameters of `GET /v1/summary`. @public */
export type SummaryQuery = NonNullable<
  operations['GetSummary']['parameters']['query']
>;
