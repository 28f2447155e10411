import type { PublishReportRequest, ReportType } from '@internal/plugin-tofui-common';
import { parsePlan, planStatusCode, summarizePlan } from '@internal/tofui-report';
import fs from 'node:fs/promises';
import { CliError, ExitCode } from '../lib/exitCodes';
import { createServerClient, toCliError, tokenFromEnv } from '../lib/server';
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
  htmlUrl?: string;
  buildUrl?: string;
  timestamp?: string;
  json?: boolean;
}

const REPORT_TYPES: ReportType[] = ['build', 'test'];

/** Builds the report body from the flags (and the plan, when given). */
export async function buildReport(
  options: PublishOptions,
): Promise<PublishReportRequest> {
  if (!REPORT_TYPES.includes(options.type as ReportType)) {
    throw new CliError(
      `--type must be build or test, got '${options.type}'`,
      ExitCode.Usage,
    );
  }
  const statuses = parseStatusFlags(options.status);
  if (options.plan && statuses.terraform_plan === undefined) {
    // As the original tofUI did: the plan's own verdict becomes the
    // terraform_plan status (0 no changes, 1 error, 2 changes).
    let text: string;
    try {
      text = await fs.readFile(options.plan, 'utf8');
    } catch (error) {
      throw new CliError(`Cannot read --plan ${options.plan}: ${(error as Error).message}`, ExitCode.Failure);
    }
    try {
      statuses.terraform_plan = planStatusCode(summarizePlan(parsePlan(text).plan));
    } catch (error) {
      throw new CliError(`--plan ${options.plan}: ${(error as Error).message}`, ExitCode.Failure);
    }
  }
  if (Object.keys(statuses).length === 0) {
    throw new CliError(
      'Give at least one --status type:code (or --plan)',
      ExitCode.Usage,
    );
  }
  return {
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
}

/** `tofui publish`: sends one report to the tofUI backend. */
export async function publish(
  options: PublishOptions,
  out: (line: string) => void = console.log,
): Promise<void> {
  const body = await buildReport(options);
  const client = createServerClient(options.server, tokenFromEnv());
  let result;
  try {
    result = await client.publishReport(body);
  } catch (error) {
    throw toCliError(error, options.server);
  }
  const { value: report, created } = result;
  if (options.json) {
    out(JSON.stringify(report, null, 2));
    return;
  }
  out(
    `${created ? 'Published' : 'Updated'} ${report.reportType} report ${report.id}: ` +
      `${report.repository} ${report.folder} ${report.buildName} — ${report.overallStatus.toUpperCase()}`,
  );
}
