import type {
  PublishReportRequest,
  ReportType,
} from '@internal/plugin-tofui-common';
import {
  parsePlan,
  planStatusCode,
  type Plan,
  redactPlan,
  summarizePlan,
} from '@internal/tofui-report';
import fs from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import { CliError, ExitCode } from '../lib/exitCodes';
import {
  createServerClient,
  publishMultipart,
  toCliError,
  tokenFromEnv,
} from '../lib/server';
import { parseStatusFlags } from '../lib/statuses';

export interface PublishOptions {
  server: string;
  repo: string;
  folder: string;
  type: string;
  buildName: string;
  displayName?: string;
  status: string[];
  plan?: string;
  /** Upload the (redacted) plan with the report; on unless --no-upload-plan. */
  uploadPlan?: boolean;
  html?: string;
  log?: string;
  htmlUrl?: string;
  buildUrl?: string;
  timestamp?: string;
  json?: boolean;
}

const REPORT_TYPES: ReportType[] = ['build', 'test'];

/** Builds the report body from the flags (and the plan, when given). */
export async function buildReport(
  options: PublishOptions,
): Promise<{ report: PublishReportRequest; plan?: Plan }> {
  if (!REPORT_TYPES.includes(options.type as ReportType)) {
    throw new CliError(
      `--type must be build or test, got '${options.type}'`,
      ExitCode.Usage,
    );
  }
  const statuses = parseStatusFlags(options.status);
  const plan = options.plan ? await readPlan(options.plan) : undefined;
  if (plan && statuses.terraform_plan === undefined) {
    // As the original tofUI did: the plan's own verdict becomes the
    // terraform_plan status (0 no changes, 1 error, 2 changes).
    statuses.terraform_plan = planStatusCode(summarizePlan(plan));
  }
  if (Object.keys(statuses).length === 0) {
    throw new CliError(
      'Give at least one --status type:code (or --plan)',
      ExitCode.Usage,
    );
  }
  const report: PublishReportRequest = {
    source_repo: options.repo,
    folder: options.folder,
    report_type: options.type as ReportType,
    build_name: options.buildName,
    statuses,
    ...(options.displayName && { display_name: options.displayName }),
    ...(options.htmlUrl && { html_url: options.htmlUrl }),
    ...(options.buildUrl && { build_url: options.buildUrl }),
    ...(options.timestamp && { timestamp: options.timestamp }),
  };
  return { report, plan };
}

async function readPlan(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read --plan ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
  try {
    return parsePlan(text).plan;
  } catch (error) {
    throw new CliError(
      `--plan ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}

async function fileBlob(
  flag: string,
  file: string,
  type: string,
): Promise<Blob> {
  try {
    // file-backed: a large log or report is streamed, not read into memory
    return await openAsBlob(file, { type });
  } catch (error) {
    throw new CliError(
      `Cannot read ${flag} ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}

/**
 * The artifacts to upload. The plan is redacted here, in CI, so that its
 * secrets never leave the machine that made it (the server redacts again).
 */
async function collectArtifacts(options: PublishOptions, plan?: Plan) {
  const artifacts: Array<{
    kind: 'html' | 'plan' | 'log';
    blob: Blob;
    filename: string;
  }> = [];
  if (options.html) {
    artifacts.push({
      kind: 'html',
      blob: await fileBlob('--html', options.html, 'text/html'),
      filename: 'report.html',
    });
  }
  if (plan && options.uploadPlan !== false) {
    const redacted = JSON.stringify(redactPlan(plan));
    artifacts.push({
      kind: 'plan',
      blob: new Blob([redacted], { type: 'application/json' }),
      filename: 'plan.json',
    });
  }
  if (options.log) {
    artifacts.push({
      kind: 'log',
      blob: await fileBlob('--log', options.log, 'text/plain'),
      filename: 'plan.log',
    });
  }
  return artifacts;
}

/** `tofui publish`: sends one report to the tofUI backend. */
export async function publish(
  options: PublishOptions,
  out: (line: string) => void = console.log,
): Promise<void> {
  const { report: body, plan } = await buildReport(options);
  const artifacts = await collectArtifacts(options, plan);
  const token = tokenFromEnv();
  let result;
  try {
    result =
      artifacts.length > 0
        ? await publishMultipart(options.server, token, body, artifacts)
        : await createServerClient(options.server, token).publishReport(body);
  } catch (error) {
    throw toCliError(error, options.server);
  }
  const { value: report, created } = result;
  if (options.json) {
    out(JSON.stringify(report, null, 2));
    return;
  }
  out(
    `${created ? 'Published' : 'Updated'} ${report.reportType} report ${
      report.id
    }: ` +
      `${report.repository} ${report.folder} ${
        report.buildName
      } — ${report.overallStatus.toUpperCase()}`,
  );
}
