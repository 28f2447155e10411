import type {
  PublishReportRequest,
  ReportType,
} from '@internal/plugin-tofui-common';
import {
  maskLog,
  parsePlan,
  planStatusCode,
  type Plan,
  redactPlan,
  summarizePlan,
} from '@internal/tofui-report';
import fs from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import { CliError, ExitCode } from '../lib/exitCodes';
import type { ProgressOutput } from '../lib/progress';
import { type RetryPolicy, retriesFrom, retryPolicy } from '../lib/retry';
import {
  createServerClient,
  publishMultipart,
  toCliError,
  tokenFromEnv,
} from '../lib/server';
import { type RunFlags, runDetails } from '../lib/runDetails';
import { addTerraformStatus, parseStatusFlags } from '../lib/statuses';

/** The flags of `tofui publish` (the run's own flags are in RunFlags). */
export interface PublishOptions extends RunFlags {
  server: string;
  folder: string;
  type: string;
  displayName?: string;
  status: string[];
  /** The run was an apply: its status is terraform_apply. */
  applyMode?: boolean;
  terraformExitCode?: string;
  plan?: string;
  /** Upload the (redacted) plan with the report; on unless --no-upload-plan. */
  uploadPlan?: boolean;
  html?: string;
  log?: string;
  htmlUrl?: string;
  timestamp?: string;
  retries?: string;
  json?: boolean;
}

/** What publishing talks to; tests replace parts of it. */
export interface PublishDeps {
  env?: NodeJS.ProcessEnv;
  /** Retry logs and the upload progress go here. */
  stderr?: ProgressOutput;
  retry?: Partial<RetryPolicy>;
}

const REPORT_TYPES: ReportType[] = ['build', 'test'];

/**
 * Builds the report body from the flags (and the plan, when given); what the
 * flags leave out comes from the CI environment, when it tells.
 */
export async function buildReport(
  options: PublishOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ report: PublishReportRequest; plan?: Plan }> {
  if (!REPORT_TYPES.includes(options.type as ReportType)) {
    throw new CliError(
      `--type must be build or test, got '${options.type}'`,
      ExitCode.Usage,
    );
  }
  const run = runDetails(options, env);
  const given = parseStatusFlags(options.status);
  const plan = options.plan ? await readPlan(options.plan) : undefined;
  const statuses = addTerraformStatus(given, {
    applyMode: options.applyMode,
    exitCode: options.terraformExitCode,
    // As the original tofUI did: the plan's own verdict becomes the
    // terraform_plan status (0 no changes, 1 error, 2 changes).
    planCode: plan && planStatusCode(summarizePlan(plan)),
  });
  if (Object.keys(statuses).length === 0) {
    throw new CliError(
      'Give at least one --status type:code (or --plan, or --terraform-exit-code)',
      ExitCode.Usage,
    );
  }
  const report: PublishReportRequest = {
    ...run,
    folder: options.folder,
    report_type: options.type as ReportType,
    statuses,
    ...(options.displayName && { display_name: options.displayName }),
    ...(options.htmlUrl && { html_url: options.htmlUrl }),
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
    // file-backed: a large report is streamed, not read into memory
    return await openAsBlob(file, { type });
  } catch (error) {
    throw new CliError(
      `Cannot read ${flag} ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
}

/**
 * The log, its secrets masked: the values the plan marks sensitive, and
 * secrets of known shapes. Read whole, as masking needs the plan's values
 * anywhere in it.
 */
async function maskedLogBlob(file: string, plan?: Plan): Promise<Blob> {
  let log: string;
  try {
    log = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read --log ${file}: ${(error as Error).message}`,
      ExitCode.Failure,
    );
  }
  return new Blob([maskLog(log, plan)], { type: 'text/plain' });
}

/**
 * The artifacts to upload. The plan is redacted and the log masked here, in
 * CI, so that their secrets never leave the machine that made them (the
 * server redacts and masks again).
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
      blob: await maskedLogBlob(options.log, plan),
      filename: 'plan.log',
    });
  }
  return artifacts;
}

/** `tofui publish`: sends one report to the tofUI backend. */
export async function publish(
  options: PublishOptions,
  out: (line: string) => void = console.log,
  deps: PublishDeps = {},
): Promise<void> {
  const env = deps.env ?? process.env;
  const stderr = deps.stderr ?? process.stderr;
  const retry = retryPolicy({
    retries: retriesFrom(options.retries, env),
    log: line => stderr.write(`${line}\n`),
    ...deps.retry,
  });
  const { report: body, plan } = await buildReport(options, env);
  const artifacts = await collectArtifacts(options, plan);
  const token = tokenFromEnv(env);
  let result;
  try {
    result =
      artifacts.length > 0
        ? await publishMultipart(options.server, token, body, artifacts, {
            retry,
            progress: stderr,
          })
        : await createServerClient(options.server, token, retry).publishReport(
            body,
          );
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
