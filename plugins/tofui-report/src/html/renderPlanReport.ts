import type { RedactionOptions } from '../redaction/options';
import type { RedactionReport } from '../redaction/report';
import { parseTerraformLog } from '../logs';
import type { LogReport } from '../logs';
import { planCounts } from '../plan/countLabels';
import type { Plan } from '../plan/types';
import { gzipJsonBase64 } from './encode';
import { escapeHtml, safeHttpUrl } from './escape';
import {
  buildReportModel,
  type ReportMeta,
  type ReportModel,
} from './reportModel';
import { REPORT_CSS } from './styles';
import { VIEWER_SCRIPT } from './viewerScript.generated';

/** Options of {@link renderPlanReport}. @public */
export interface RenderOptions extends ReportMeta {
  /** The plan or apply log, embedded (collapsed) in the report, masked. */
  log?: string;
  /** Warnings from parsing, shown in the header. */
  warnings?: string[];
  /** Diagnostics to show (e.g. parsed from the log of an errored plan). */
  diagnostics?: Array<{
    severity: 'error' | 'warning';
    summary: string;
    detail?: string;
    address?: string;
    location?: string;
  }>;
  /** The second redaction layer's options (see redactPlan). */
  redaction?: RedactionOptions;
  /**
   * What was masked in `log` before it got here (masked at publish, see
   * maskLogAndReport): shown in the report's redaction report.
   */
  logRedaction?: RedactionReport;
}

const VERDICTS = ['No changes', 'Planning failed', 'Changes'] as const;

/** Content-Security-Policy of the report itself: nothing from the network. */
const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'";

function headerHtml(model: ReportModel): string {
  const { meta, summary, verdict } = model;
  const title = meta.displayName || meta.buildName || 'Plan report';
  const buildUrl = safeHttpUrl(meta.buildUrl);
  const facts = [
    meta.repository &&
      `${meta.repository}${meta.folder ? ` / ${meta.folder}` : ''}`,
    meta.buildName && meta.displayName && `build ${meta.buildName}`,
    (meta.toolName || meta.toolVersion) &&
      [meta.toolName, meta.toolVersion].filter(Boolean).join(' '),
    `plan format ${model.formatVersion}`,
    meta.generatedAt &&
      `<time datetime="${escapeHtml(meta.generatedAt)}">${escapeHtml(
        meta.generatedAt,
      )}</time>`,
  ].filter(Boolean) as string[];
  const counts = planCounts(summary)
    .map(
      ([count, label]) =>
        `<span class="count"><b>${count}</b> ${escapeHtml(label)}</span>`,
    )
    .join('');
  const warnings = model.warnings
    .map(w => `<p class="warn">${escapeHtml(w)}</p>`)
    .join('');
  return `<header>
<h1>${escapeHtml(title)}<span class="verdict v${verdict}">${
    VERDICTS[verdict]
  }</span></h1>
<div class="meta">${facts
    .map(f =>
      f.startsWith('<time')
        ? `<span>${f}</span>`
        : `<span>${escapeHtml(f)}</span>`,
    )
    .join('')}${
    buildUrl
      ? `<a href="${escapeHtml(
          buildUrl,
        )}" rel="noopener noreferrer" target="_blank">CI run</a>`
      : ''
  }</div>
<div class="counts">${
    counts ||
    `<span class="count">${
      verdict === 1 ? 'No plan: planning failed' : 'No changes'
    }</span>`
  }</div>${warnings}
</header>`;
}

/** Errors first, then warnings, as the page shows them. */
function logDiagnostics(
  log: LogReport,
): NonNullable<RenderOptions['diagnostics']> {
  return [...log.errors, ...log.warnings].map(d => ({
    severity: d.severity,
    summary: d.summary,
    detail: d.detail,
    address: d.address,
    location: d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : undefined,
  }));
}

/** What an apply log says happened, per resource. */
function applySection(log: LogReport) {
  return {
    outcome: log.outcome,
    counts: log.applied,
    resources: log.resources.map(r => [
      r.address,
      r.action,
      r.status,
      r.durationSeconds ?? null,
    ]),
  };
}

/**
 * Renders a plan as one self-contained HTML page: redacted first (nothing
 * sensitive is embedded; the log is masked with the plan's sensitive values),
 * the model compressed into the page once, drawn on demand by an inline
 * script. Works offline and from `file://`.
 *
 * @public
 */
export async function renderPlanReport(
  plan: Plan,
  options: RenderOptions = {},
): Promise<string> {
  const { log, warnings, diagnostics, redaction, logRedaction, ...meta } =
    options;
  const model = buildReportModel(plan, {
    meta: {
      ...meta,
      generatedAt: meta.generatedAt ?? new Date().toISOString(),
    },
    log,
    warnings,
    redaction,
    logRedaction,
  });
  // what the page shows of the log comes from the masked one
  const fromLog =
    model.log !== undefined ? parseTerraformLog(model.log) : undefined;
  const page = {
    ...model,
    diagnostics: diagnostics ?? (fromLog ? logDiagnostics(fromLog) : undefined),
    apply: fromLog?.kind === 'apply' ? applySection(fromLog) : undefined,
  };
  const data = await gzipJsonBase64(page);
  const title = model.meta.displayName || model.meta.buildName || 'Plan report';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="tofUI">
<title>${escapeHtml(title)} — tofUI plan report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${headerHtml(model)}
<main id="app"><p class="empty">Loading the plan…</p><noscript><p class="empty">This report needs JavaScript to show the resources.</p></noscript></main>
<script type="application/octet-stream" id="tofui-data">${data}</script>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
}
