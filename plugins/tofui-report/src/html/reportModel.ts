import { maskLogAndReport } from '../logs/maskLog';
import { formatAttributePath } from '../plan/attributeLeaves';
import {
  planRedactionReport,
  redactPlan,
  redactPlanAndSecrets,
} from '../plan/redactPlan';
import type { RedactionOptions } from '../redaction/options';
import {
  readRedactionReport,
  RedactionRecorder,
  type RedactionReport,
} from '../redaction/report';
import {
  planStatusCode,
  type PlanSummary,
  summarizePlan,
} from '../plan/summarizePlan';
import type { OutputChange, Plan, ResourceChange } from '../plan/types';
import { type CompactChange, RC } from './compactChange';

export { type CompactChange, RC } from './compactChange';

/** What the report says about the run, next to the plan. @public */
export interface ReportMeta {
  displayName?: string;
  repository?: string;
  folder?: string;
  buildName?: string;
  /** Link to the CI run; only http(s) links are kept. */
  buildUrl?: string;
  /** When the plan was made (ISO-8601); default: when rendered. */
  generatedAt?: string;
  toolName?: string;
  toolVersion?: string;
  /**
   * Every resource opens expanded (the original tofUI's
   * `display.expand_all_default`).
   */
  expandAll?: boolean;
}

/** A check (precondition, postcondition, check block) and its outcome. */
export interface CheckResult {
  address: string;
  kind: string;
  status: string;
  problems: string[];
}

/** Everything the page draws, after redaction. @public */
export interface ReportModel {
  v: 1;
  meta: ReportMeta;
  formatVersion: string;
  summary: PlanSummary;
  /** terraform_plan status code: 0 no changes, 1 errored, 2 changes. */
  verdict: 0 | 1 | 2;
  resources: CompactChange[];
  drift: CompactChange[];
  /**
   * Attributes of drifted resources that the plan depends on
   * (`relevant_attributes`): resource address → attribute paths.
   */
  relevant: Record<string, string[]>;
  outputs: Array<
    [
      name: string,
      action: string,
      before: unknown,
      after: unknown,
      afterUnknown: unknown,
    ]
  >;
  checks: CheckResult[];
  /** Changes deferred to a later plan (Terraform 1.9+ `deferred_changes`). */
  deferred: Array<[address: string, reason: string, action: string]>;
  warnings: string[];
  /** The log, its secrets masked (see maskLog). */
  log?: string;
  /**
   * What the second redaction layer masked that the plan did not mark
   * sensitive, in the plan and the log: counts per rule and paths.
   */
  redaction?: RedactionReport;
}

/**
 * The action a change shows as: `replace` for both orders (told apart by
 * `replace-create-first`), `import`/`move` when that is all it does.
 */
export function changeAction(rc: ResourceChange): string {
  const actions = rc.change?.actions ?? [];
  const key = actions.join(',');
  switch (key) {
    case 'delete,create':
      return 'replace';
    case 'create,delete':
      return 'replace-create-first';
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'forget':
      return key;
    case 'no-op':
    case '':
      if (rc.change?.importing) return 'import';
      if (rc.previous_address && rc.previous_address !== rc.address)
        return 'move';
      return 'no-op';
    default:
      return key;
  }
}

function compact(rc: ResourceChange): CompactChange {
  const change = rc.change ?? ({} as ResourceChange['change']);
  return [
    String(rc.address ?? ''),
    changeAction(rc),
    String(rc.type ?? ''),
    String(rc.module_address ?? ''),
    String(rc.provider_name ?? ''),
    String(rc.action_reason ?? ''),
    Array.isArray(change.replace_paths) && change.replace_paths.length > 0
      ? change.replace_paths
      : 0,
    rc.previous_address && rc.previous_address !== rc.address
      ? rc.previous_address
      : '',
    change.importing ? String(change.importing.id ?? '(identity)') : '',
    String(rc.deposed ?? ''),
    change.before ?? null,
    change.after ?? null,
    change.after_unknown ?? null,
  ];
}

function outputAction(output: OutputChange): string {
  const key = (output?.actions ?? []).join(',');
  return key === 'delete,create' ? 'update' : key || 'no-op';
}

const LEGACY_RESULT: Record<string, string> = { true: 'pass', false: 'fail' };

function checks(plan: Plan): CheckResult[] {
  const results: CheckResult[] = [];
  // format 1.1+: `checks`; older OpenTofu/Terraform: `condition_results`
  for (const check of (Array.isArray(plan.checks) ? plan.checks : []) as Array<
    Record<string, any>
  >) {
    const instances: Array<Record<string, any>> = Array.isArray(
      check?.instances,
    )
      ? check.instances
      : [];
    results.push({
      address: String(check?.address?.to_display ?? check?.address ?? ''),
      kind: String(check?.address?.kind ?? ''),
      status: String(check?.status ?? 'unknown'),
      problems: instances.flatMap(i =>
        (Array.isArray(i?.problems) ? i.problems : []).map((p: any) =>
          String(p?.message ?? p),
        ),
      ),
    });
  }
  const legacy = plan.condition_results;
  if (Array.isArray(legacy)) {
    for (const c of legacy as Array<Record<string, any>>) {
      results.push({
        address: String(c?.address ?? ''),
        kind: String(c?.condition_type ?? ''),
        status: LEGACY_RESULT[String(c?.result)] ?? 'unknown',
        problems: c?.error_message ? [String(c.error_message)] : [],
      });
    }
  }
  return results;
}

/**
 * The tool and version as far as the plan tells: `terraform_version` is
 * written by both tools; the provider registry in resource addresses tells
 * OpenTofu from Terraform.
 */
function toolOf(plan: Plan): Pick<ReportMeta, 'toolName' | 'toolVersion'> {
  const providers = (plan.resource_changes ?? []).map(
    rc => rc.provider_name ?? '',
  );
  let toolName: string | undefined;
  if (providers.some(p => p.startsWith('registry.opentofu.org/'))) {
    toolName = 'OpenTofu';
  } else if (providers.some(p => p.startsWith('registry.terraform.io/'))) {
    toolName = 'Terraform';
  }
  return {
    ...(toolName && { toolName }),
    ...(typeof plan.terraform_version === 'string' && {
      toolVersion: plan.terraform_version,
    }),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function relevantAttributes(plan: Plan): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const entries = Array.isArray(plan.relevant_attributes)
    ? plan.relevant_attributes
    : [];
  for (const entry of entries as Array<{
    resource?: unknown;
    attribute?: unknown;
  }>) {
    if (typeof entry?.resource !== 'string') continue;
    const path = Array.isArray(entry.attribute)
      ? formatAttributePath(entry.attribute)
      : '';
    (out[entry.resource] ??= []).push(path || '(all)');
  }
  return out;
}

const RISK_ORDER: Record<string, number> = {
  delete: 0,
  replace: 1,
  'replace-create-first': 1,
  forget: 2,
  update: 3,
  create: 4,
  import: 5,
  move: 6,
  read: 7,
  'no-op': 8,
};

/**
 * Top-level members of a plan a report does not read: without a log, the
 * planned values (the changes' `after` again, a third of a plan) and the
 * prior state; with one, none, as the log is masked with every secret of the
 * raw plan. A reader of a plan file for a report can skip parsing them
 * (`parsePlan`'s `omit`).
 *
 * @public
 */
export function planMembersUnreadByReport(options: { log?: string }): string[] {
  return options.log === undefined ? ['planned_values', 'prior_state'] : [];
}

/**
 * The redacted model of a plan report: resources ordered risk first (deletes,
 * then replacements, forgets, updates, creates…), stable within an action.
 * The log is masked with the (raw) plan's secrets (see redactPlanAndSecrets).
 *
 * @public
 */
export function buildReportModel(
  plan: Plan,
  options: {
    meta?: ReportMeta;
    log?: string;
    warnings?: string[];
    redaction?: RedactionOptions;
    /** What was masked in `log` before it got here (see maskLogAndReport). */
    logRedaction?: RedactionReport;
  } = {},
): ReportModel {
  const unread = planMembersUnreadByReport(options);
  const { plan: redacted, secrets } =
    options.log === undefined
      ? {
          plan: redactPlan(
            {
              ...plan,
              ...Object.fromEntries(unread.map(key => [key, undefined])),
            },
            { redaction: options.redaction },
          ),
          secrets: [],
        }
      : redactPlanAndSecrets(plan, { redaction: options.redaction });
  const recorder = new RedactionRecorder();
  recorder.add(planRedactionReport(redacted));
  // stored with the log: read as untrusted, like a plan's own report
  recorder.add(readRedactionReport(options.logRedaction));
  let log: string | undefined;
  if (options.log !== undefined) {
    const masked = maskLogAndReport(options.log, secrets, {
      redaction: options.redaction,
    });
    log = masked.log;
    recorder.add(masked.redaction);
  }
  const summary = summarizePlan(redacted);
  const resources = (redacted.resource_changes ?? []).map(compact);
  const order = (c: CompactChange) => RISK_ORDER[c[RC.action]] ?? 9;
  const ranked = resources
    .map((c, i) => [order(c), i, c] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(entry => entry[2]);
  return {
    v: 1,
    meta: { ...toolOf(redacted), ...stripUndefined(options.meta ?? {}) },
    formatVersion: String(redacted.format_version),
    summary,
    verdict: planStatusCode(summary),
    resources: ranked,
    drift: (redacted.resource_drift ?? []).map(compact),
    relevant: relevantAttributes(redacted),
    outputs: Object.entries(redacted.output_changes ?? {}).map(
      ([name, output]) => [
        name,
        outputAction(output),
        output?.before ?? null,
        output?.after ?? null,
        output?.after_unknown ?? null,
      ],
    ),
    checks: checks(redacted),
    deferred: (Array.isArray(redacted.deferred_changes)
      ? redacted.deferred_changes
      : []
    ).map((d: any) => [
      String(d?.resource_change?.address ?? ''),
      String(d?.reason ?? ''),
      d?.resource_change ? changeAction(d.resource_change) : '',
    ]),
    warnings: options.warnings ?? [],
    ...(log !== undefined && { log }),
    redaction: recorder.report(),
  };
}
