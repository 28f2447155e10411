import {
  type PublishReportRequest,
  type Report,
  type ReportType,
  tofuiReportPath,
} from '@tofui/backstage-plugin-tofui-common';
import { planStatusCode, type Plan, summarizePlan } from '@tofui/report';
import {
  type Artifact,
  htmlArtifact,
  logArtifact,
  planArtifact,
  redactForUpload,
  readPlan,
  withLogRedaction,
} from '../lib/artifacts';
import { CliError, ExitCode } from '../lib/exitCodes';
import {
  requireDashboardDirectory,
  writeLegacySlot,
} from '../lib/legacy/writeSlot';
import type { ProgressOutput } from '../lib/progress';
import { readRedactionConfig } from '../lib/redactionConfig';
import { type RetryPolicy, retriesFrom, retryPolicy } from '../lib/retry';
import {
  createServerClient,
  publishMultipart,
  toCliError,
  tokenFromEnv,
} from '../lib/server';
import { reportLinks, writeExportVars } from '../lib/reportLinks';
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
  /** The Backstage app's URL, when not the backend's (TOFUI_APP_URL). */
  appUrl?: string;
  /** Write TOFUI_REPORT_URL, TOFUI_HTML_URL, TOFUI_REPORT_ID, TOFUI_VERDICT here. */
  exportVarsFile?: string;
  /** A checked-out original dashboard that gets the run too. */
  alsoLegacyDashboard?: string;
  /** The second redaction layer's options (JSON, as `tofui.redaction`). */
  redactionConfig?: string;
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
  const plan = options.plan
    ? await readPlan(options.plan, '--plan')
    : undefined;
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

/**
 * The artifacts to upload. The plan is redacted and the log masked here, in
 * CI, so that their secrets never leave the machine that made them (the
 * server redacts and masks again).
 */
async function collectArtifacts(
  options: PublishOptions,
  plan?: Plan,
): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  const redaction = await readRedactionConfig(options.redactionConfig);
  const redacted = plan && redactForUpload(plan, redaction);
  if (options.html) {
    artifacts.push(await htmlArtifact(options.html, '--html'));
  }
  if (redacted && options.uploadPlan !== false) {
    artifacts.push(planArtifact(redacted));
  }
  if (options.log) {
    artifacts.push(
      await logArtifact(options.log, redacted, '--log', redaction),
    );
  }
  return artifacts;
}

/**
 * `tofui publish`: sends one report to the tofUI backend, prints what it
 * stored and where to read it, and returns it.
 */
export async function publish(
  options: PublishOptions,
  out: (line: string) => void = console.log,
  deps: PublishDeps = {},
): Promise<Report> {
  const env = deps.env ?? process.env;
  const stderr = deps.stderr ?? process.stderr;
  const retry = retryPolicy({
    retries: retriesFrom(options.retries, env),
    log: line => stderr.write(`${line}\n`),
    ...deps.retry,
  });
  const { report: body, plan } = await buildReport(options, env);
  const artifacts = await collectArtifacts(options, plan);
  if (options.alsoLegacyDashboard) {
    // a mistyped directory fails before anything is published
    await requireDashboardDirectory(options.alsoLegacyDashboard);
  }
  const token = tokenFromEnv(env);
  let result;
  try {
    result =
      artifacts.length > 0
        ? await publishMultipart(
            options.server,
            token,
            withLogRedaction(body, artifacts),
            artifacts,
            { retry, progress: stderr },
          )
        : await createServerClient(options.server, token, retry).publishReport(
            body,
          );
  } catch (error) {
    const failure = toCliError(error, options.server);
    if (options.alsoLegacyDashboard) {
      // the old dashboard is the one teams still rely on: it gets the run
      // even when tofUI could not take it
      await writeLegacyDashboard(options, body, undefined, stderr).catch(
        (legacy: Error) => stderr.write(`tofui: ${legacy.message}\n`),
      );
    }
    throw failure;
  }
  const { value: report, created } = result;
  const links = reportLinks(
    report,
    options.server,
    options.appUrl ?? env.TOFUI_APP_URL,
  );
  if (options.json) {
    out(JSON.stringify(report, null, 2));
  } else {
    out(
      `${created ? 'Published' : 'Updated'} ${report.reportType} report ${
        report.id
      }: ` +
        `${report.repository} ${report.folder} ${
          report.buildName
        } — ${report.overallStatus.toUpperCase()}`,
    );
    out(links.reportUrl);
  }
  if (options.exportVarsFile) {
    await writeExportVars(options.exportVarsFile, {
      TOFUI_REPORT_URL: links.reportUrl,
      TOFUI_HTML_URL: links.htmlUrl,
      TOFUI_REPORT_ID: report.id,
      TOFUI_VERDICT: report.overallStatus,
    });
  }
  if (options.alsoLegacyDashboard) {
    await writeLegacyDashboard(options, body, report, stderr);
  }
  return report;
}

/**
 * `--also-legacy-dashboard DIR`: the run also goes into the original
 * dashboard's checked-out tree, as its publisher wrote it, for the weeks
 * both dashboards run side by side. Its link leads to the report in tofUI
 * (or to --html-url). What was written goes to stderr, leaving stdout to
 * the report.
 */
async function writeLegacyDashboard(
  options: PublishOptions,
  body: PublishReportRequest,
  report: Report | undefined,
  stderr: ProgressOutput,
) {
  const dir = options.alsoLegacyDashboard!;
  const written = await writeLegacySlot(dir, {
    source_repo: body.source_repo,
    folder: body.folder,
    report_type: body.report_type ?? 'build',
    build_name: body.build_name,
    display_name: body.display_name,
    html_url:
      body.html_url ??
      (report &&
        `${options.server.replace(/\/+$/, '')}${tofuiReportPath(report.id)}`),
    statuses: report?.statuses ?? body.statuses,
    timestamp: utcTimestamp(report?.createdAt ?? body.timestamp),
  });
  stderr.write(
    `tofui: wrote ${written.file} in ${dir} (${written.replaced}); commit and push it to update the old dashboard\n`,
  );
  if (written.warning) {
    stderr.write(`tofui: warning: ${written.warning}\n`);
  }
}

/** UTC ISO-8601, as the original publisher wrote it; now when not given. */
function utcTimestamp(value: string | undefined): string {
  const time = value === undefined ? Date.now() : Date.parse(value);
  return Number.isNaN(time) ? value! : new Date(time).toISOString();
}
