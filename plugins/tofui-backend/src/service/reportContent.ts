import {
  deriveOverallStatus,
  type PlanSummary,
  type ReportMetadata,
  type StatusType,
  type UpdateReportRequest,
} from '@tofui/backstage-plugin-tofui-common';
import type { ReportContent } from '../database/TofuiStore';

type SummaryInput = NonNullable<UpdateReportRequest['summary']>;

function toSummary(input: SummaryInput): PlanSummary {
  const { output_changes: outputChanges, ...rest } = input;
  return outputChanges === undefined ? rest : { ...rest, outputChanges };
}

/**
 * The stored content of a report from the fields CI sends (snake_case, as the
 * original tofUI wrote them), with its verdict derived from the status types.
 */
export function toReportContent(
  body: UpdateReportRequest,
  statusTypes: ReadonlyArray<StatusType>,
  receivedAt: Date,
): ReportContent {
  const metadata: ReportMetadata = {};
  if (body.commit_sha) metadata.commitSha = body.commit_sha.toLowerCase();
  if (body.branch) metadata.branch = body.branch;
  if (body.pull_request) metadata.pullRequest = body.pull_request;
  if (body.ci_provider) metadata.ciProvider = body.ci_provider;
  if (body.actor) metadata.actor = body.actor;
  if (body.tool_name) metadata.toolName = body.tool_name;
  if (body.tool_version) metadata.toolVersion = body.tool_version;
  return {
    displayName: body.display_name || undefined,
    htmlUrl: body.html_url,
    buildUrl: body.build_url,
    statuses: body.statuses,
    overallStatus: deriveOverallStatus(body.statuses, statusTypes),
    metadata,
    summary: body.summary && toSummary(body.summary),
    createdAt: body.timestamp ? new Date(body.timestamp) : receivedAt,
  };
}
