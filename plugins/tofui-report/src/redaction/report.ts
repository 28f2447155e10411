/** Where a value was masked, and by which rule: never the value. @public */
export interface RedactionPath {
  path: string;
  rule: string;
}

/**
 * What the second redaction layer masked in a plan (values the plan did not
 * mark sensitive) and in a log: counts per rule and the paths, never the
 * values. @public
 */
export interface RedactionReport {
  total: number;
  rules: Record<string, number>;
  paths: RedactionPath[];
  /** More paths than the report keeps: the counts are still whole. */
  truncated?: boolean;
}

/** A report keeps at most this many paths: a huge plan must not bloat it. */
export const MAX_REPORTED_PATHS = 500;

/** Collects what a redaction masked. */
export class RedactionRecorder {
  private total = 0;
  private readonly rules: Record<string, number> = {};
  private readonly paths: RedactionPath[] = [];
  private truncated = false;

  record(rule: string, path?: string): void {
    this.total++;
    this.rules[rule] = (this.rules[rule] ?? 0) + 1;
    if (path === undefined) {
      return;
    }
    if (this.paths.length < MAX_REPORTED_PATHS) {
      this.paths.push({ path, rule });
    } else {
      this.truncated = true;
    }
  }

  /** Adds an earlier report (a plan redacted before, by the CLI). */
  add(report: RedactionReport | undefined): void {
    if (!report) {
      return;
    }
    this.total += report.total;
    for (const [rule, count] of Object.entries(report.rules)) {
      this.rules[rule] = (this.rules[rule] ?? 0) + count;
    }
    for (const p of report.paths) {
      if (this.paths.length < MAX_REPORTED_PATHS) {
        this.paths.push(p);
      } else {
        this.truncated = true;
      }
    }
    this.truncated ||= !!report.truncated;
  }

  report(): RedactionReport {
    return {
      total: this.total,
      rules: { ...this.rules },
      paths: [...this.paths],
      ...(this.truncated && { truncated: true }),
    };
  }
}

const isCount = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * A redaction report read from untrusted JSON (a stored or uploaded plan):
 * only its well-formed parts, so a forged one cannot smuggle anything but
 * counts and short strings into a page.
 *
 * @public
 */
export function readRedactionReport(
  value: unknown,
): RedactionReport | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const rules: Record<string, number> = {};
  if (v.rules && typeof v.rules === 'object') {
    for (const [rule, count] of Object.entries(v.rules)) {
      if (isCount(count) && rule.length <= 100) {
        rules[rule] = count;
      }
    }
  }
  const paths = (Array.isArray(v.paths) ? v.paths : [])
    .filter(
      (p): p is RedactionPath =>
        typeof p?.path === 'string' &&
        typeof p?.rule === 'string' &&
        p.path.length <= 2000 &&
        p.rule.length <= 100,
    )
    .slice(0, MAX_REPORTED_PATHS)
    .map(p => ({ path: p.path, rule: p.rule }));
  return {
    total: Object.values(rules).reduce((a, b) => a + b, 0),
    rules,
    paths,
    ...(v.truncated === true && { truncated: true }),
  };
}

/**
 * One report of several (what a publisher masked in a log, and what was
 * masked in it after), each read as untrusted; undefined when they masked
 * nothing.
 *
 * @public
 */
export function mergeRedactionReports(
  ...reports: unknown[]
): RedactionReport | undefined {
  const recorder = new RedactionRecorder();
  for (const report of reports) {
    recorder.add(readRedactionReport(report));
  }
  const merged = recorder.report();
  return merged.total > 0 ? merged : undefined;
}
