import {
  formatAttributePath,
  maskLog,
  parseTerraformLog,
  type Plan,
  planCounts,
  planStatusCode,
  type ResourceChange,
  summarizePlan,
} from '@tofui/report';

/** GitHub's limit on a comment's body; GitLab's notes allow more. */
export const COMMENT_LIMIT = 65_536;
/** Risky resources listed before "and N more". */
export const RISKY_LIMIT = 50;
/** Longest address shown; longer ones are cut (for_each keys can be long). */
const ADDRESS_LIMIT = 300;

/** The hidden marker that finds this folder's comment again. */
export function commentMarker(folder: string): string {
  // `--` would end the HTML comment early
  return `<!-- tofui-comment folder=${encodeURIComponent(folder)} -->`;
}

export interface SummaryInput {
  folder: string;
  plan?: Plan;
  /** A plan or apply log, when there is no plan (or as well). */
  log?: string;
  /** The report's page in Backstage. */
  reportUrl?: string;
  /** The published report's overall status. */
  verdict?: string;
}

/** Inline code that nothing in the value can break out of. */
function code(value: string): string {
  const cut =
    value.length > ADDRESS_LIMIT ? `${value.slice(0, ADDRESS_LIMIT)}…` : value;
  return `\`${cut.replace(/[`\r\n]/g, "'")}\``;
}

function isReplace(rc: ResourceChange) {
  const a = rc.change.actions;
  return a.includes('delete') && a.includes('create');
}

function isDelete(rc: ResourceChange) {
  const a = rc.change.actions;
  return a.length === 1 && a[0] === 'delete';
}

/**
 * The risky changes, deletes first then replacements with the attributes
 * forcing them. Only addresses and attribute names: never a value.
 */
function riskyLines(plan: Plan): string[] {
  const changes = plan.resource_changes ?? [];
  const deletes = changes
    .filter(isDelete)
    .map(rc => `- 🗑️ delete ${code(rc.address)}`);
  const replaces = changes.filter(isReplace).map(rc => {
    const forcing = (rc.change.replace_paths ?? [])
      .map(p => code(formatAttributePath(p as unknown[])))
      .slice(0, 5);
    return `- ♻️ replace ${code(rc.address)}${
      forcing.length > 0 ? ` (forced by ${forcing.join(', ')})` : ''
    }`;
  });
  return [...deletes, ...replaces];
}

const VERDICT_TEXT = ['✅ No changes', '❌ Planning failed', '⚠️ Changes'];

function planSection(plan: Plan, risky: number): string[] {
  const summary = summarizePlan(plan);
  const lines = [`**${VERDICT_TEXT[planStatusCode(summary)]}**`, ''];
  const counts = planCounts(summary);
  if (counts.length > 0) {
    lines.push(counts.map(([n, label]) => `**${n}** ${label}`).join(' · '), '');
  }
  const all = riskyLines(plan);
  if (all.length > 0) {
    lines.push('Risky changes:', '', ...all.slice(0, risky));
    if (all.length > risky) lines.push(`- … and ${all.length - risky} more`);
    lines.push('');
  }
  if (summary.drift > 0) {
    lines.push(
      `${summary.drift} resource${
        summary.drift === 1 ? '' : 's'
      } changed outside Terraform (drift).`,
      '',
    );
  }
  return lines;
}

/** A log alone: its outcome and its errors' one-line summaries (masked). */
function logSection(text: string, risky: number): string[] {
  const log = parseTerraformLog(maskLog(text));
  const lines = [`**Log: ${log.kind} ${log.outcome}**`, ''];
  const counts = log.applied ?? log.plan;
  if (counts) {
    lines.push(
      Object.entries(counts)
        .map(([k, n]) => `**${n}** ${k}`)
        .join(' · '),
      '',
    );
  }
  const failed = log.resources.filter(r => r.status === 'failed');
  if (failed.length > 0) {
    lines.push(
      'Failed:',
      '',
      ...failed.slice(0, risky).map(r => `- ❌ ${r.action} ${code(r.address)}`),
    );
    if (failed.length > risky)
      lines.push(`- … and ${failed.length - risky} more`);
    lines.push('');
  }
  if (log.errors.length > 0) {
    lines.push(
      `${log.errors.length} error${log.errors.length === 1 ? '' : 's'}:`,
      '',
      ...log.errors
        .slice(0, 10)
        .map(
          e =>
            `- ${code(e.summary)}${
              e.file
                ? ` in ${code(`${e.file}${e.line ? `:${e.line}` : ''}`)}`
                : ''
            }`,
        ),
      '',
    );
  }
  return lines;
}

/**
 * The pull-request summary of one folder, in Markdown: verdict, counts, the
 * risky resources first (capped), drift, and the link to the full report.
 * Never longer than COMMENT_LIMIT, whatever the plan's size, and never a
 * value from the plan: the full plan stays behind the Backstage sign-in.
 */
export function buildSummary(input: SummaryInput, withMarker = true): string {
  for (let risky = RISKY_LIMIT; ; risky = Math.floor(risky / 2)) {
    const lines = [
      ...(withMarker ? [commentMarker(input.folder)] : []),
      `### tofUI · ${code(input.folder)}${
        input.verdict ? ` · ${input.verdict.toUpperCase()}` : ''
      }`,
      '',
      ...(input.plan ? planSection(input.plan, risky) : []),
      ...(input.log !== undefined && !input.plan
        ? logSection(input.log, risky)
        : []),
      input.reportUrl
        ? `[Full report in Backstage](${input.reportUrl.replace(
            /[()\s]/g,
            encodeURIComponent,
          )})`
        : '_Not published to tofUI: no report link._',
    ];
    const body = lines.join('\n');
    if (body.length <= COMMENT_LIMIT || risky === 0) {
      return body.length <= COMMENT_LIMIT ? body : body.slice(0, COMMENT_LIMIT);
    }
  }
}
