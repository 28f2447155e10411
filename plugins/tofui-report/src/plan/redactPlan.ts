import type { Plan, ResourceChange } from './types';
import type { RedactionOptions } from '../redaction/options';
import {
  readRedactionReport,
  RedactionRecorder,
  type RedactionReport,
} from '../redaction/report';
import {
  createValueRedactor,
  type OnRedacted,
  reportedPath,
} from '../redaction/redactValues';

import { writeKey } from './copyOnWrite';
import { REDACTED } from './redacted';
import { foundSecrets, sensitiveValues } from './sensitiveValues';

export { REDACTED } from './redacted';

type Json = unknown;

/**
 * Replaces every value a sensitivity map marks (`true`) with {@link REDACTED},
 * following the map into objects and lists at any depth. A map of `true`
 * covers the whole value below it; parts the map does not mention are kept.
 */
export function maskSensitive(value: unknown, sensitive: unknown): unknown {
  if (sensitive === true) {
    return value === undefined ? undefined : REDACTED;
  }
  if (sensitive === null || typeof sensitive !== 'object') {
    return value;
  }
  // Only what the map marks is visited, and copied on write: a value nothing
  // is masked in is returned as it is, so a redacted plan shares what it
  // does not change with the plan (a copy of every value would double the
  // memory a large plan takes, and walking them all its time).
  if (Array.isArray(value)) {
    if (!Array.isArray(sensitive)) return value;
    let out: Json[] | undefined;
    const length = Math.min(sensitive.length, value.length);
    for (let i = 0; i < length; i++) {
      if (!sensitive[i]) continue;
      const masked = maskSensitive(value[i], sensitive[i]);
      if (masked !== value[i]) {
        out ??= value.slice();
        out[i] = masked;
      }
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(sensitive)) return value;
    const marks = sensitive as Record<string, Json>;
    const object = value as Record<string, Json>;
    let out: Record<string, Json> | undefined;
    for (const key of Object.keys(marks)) {
      if (!marks[key] || !Object.prototype.hasOwnProperty.call(object, key)) {
        continue;
      }
      const masked = maskSensitive(object[key], marks[key]);
      if (masked !== object[key]) {
        out = writeKey(object, out, key, masked);
      }
    }
    return out ?? value;
  }
  return value;
}

function redactChange<
  T extends {
    before?: Json;
    after?: Json;
    before_sensitive?: Json;
    after_sensitive?: Json;
  },
>(change: T): T {
  return withValues(
    change,
    maskSensitive(change.before, change.before_sensitive),
    maskSensitive(change.after, change.after_sensitive),
  );
}

/**
 * `change` with `before` and `after` replaced; itself when neither changed
 * (copied on write, as maskSensitive does: most resources hold nothing to
 * mask, and a plan has thousands).
 */
function withValues<T extends { before?: Json; after?: Json }>(
  change: T,
  before: Json,
  after: Json,
): T {
  return before === change.before && after === change.after
    ? change
    : { ...change, before, after };
}

/** `rc` with its change redacted by `redact`; itself when nothing changed. */
function withChange(
  rc: ResourceChange,
  redact: (change: ResourceChange['change']) => ResourceChange['change'],
): ResourceChange {
  if (!rc?.change) return rc;
  const change = redact(rc.change);
  return change === rc.change ? rc : { ...rc, change };
}

function redactResourceChange(rc: ResourceChange): ResourceChange {
  return withChange(rc, redactChange);
}

interface PlannedModule {
  resources?: Array<{
    values?: Json;
    sensitive_values?: Json;
    [k: string]: Json;
  }>;
  child_modules?: PlannedModule[];
  [k: string]: Json;
}

function redactModule(
  module: PlannedModule | undefined,
): PlannedModule | undefined {
  if (!module || typeof module !== 'object') {
    return module;
  }
  return {
    ...module,
    resources: module.resources?.map(r => ({
      ...r,
      values: maskSensitive(r.values, r.sensitive_values),
    })),
    child_modules: module.child_modules?.map(m => redactModule(m)!),
  };
}

type Outputs = Record<
  string,
  { sensitive?: boolean; value?: Json; [k: string]: Json }
>;

function redactOutputs(outputs: Outputs | undefined): Outputs | undefined {
  if (!outputs) {
    return outputs;
  }
  return Object.fromEntries(
    Object.entries(outputs).map(([name, output]) => [
      name,
      output?.sensitive
        ? { ...output, value: maskSensitive(output.value, true) }
        : output,
    ]),
  );
}

/** Removes `default` from every variable declaration, in every module. */
function withoutVariableDefaults(configModule: Json): Json {
  if (!configModule || typeof configModule !== 'object') {
    return configModule;
  }
  const module = configModule as Record<string, Json>;
  const out: Record<string, Json> = { ...module };
  if (module.variables && typeof module.variables === 'object') {
    out.variables = Object.fromEntries(
      Object.entries(
        module.variables as Record<string, Record<string, Json>>,
      ).map(([name, declaration]) => {
        const { default: _removed, ...rest } = declaration ?? {};
        return [name, rest];
      }),
    );
  }
  if (module.module_calls && typeof module.module_calls === 'object') {
    out.module_calls = Object.fromEntries(
      Object.entries(
        module.module_calls as Record<string, Record<string, Json>>,
      ).map(([name, call]) => [
        name,
        { ...call, module: withoutVariableDefaults(call?.module) },
      ]),
    );
  }
  return out;
}

function sensitiveVariableNames(plan: Plan): Set<string> {
  const declared = (
    plan.configuration as {
      root_module?: { variables?: Record<string, { sensitive?: boolean }> };
    }
  )?.root_module?.variables;
  return new Set(
    Object.entries(declared ?? {})
      .filter(([, declaration]) => declaration?.sensitive)
      .map(([name]) => name),
  );
}

/** Where a redacted plan carries its redaction report. @public */
export const REDACTION_REPORT_KEY = 'tofui_redaction';

/** The redaction report a redacted plan carries, if any. @public */
export function planRedactionReport(plan: Plan): RedactionReport | undefined {
  return readRedactionReport(plan[REDACTION_REPORT_KEY]);
}

/**
 * The second layer: values the plan does not mark sensitive but that are
 * secrets (see createValueRedactor), masked in the already redacted plan.
 * Changes, outputs and variables are reported by path; planned values
 * repeat the changes' `after` and are masked without being counted again.
 */
function redactUnmarked(
  plan: Plan,
  options: RedactionOptions | undefined,
  onSecret: (secret: string) => void,
): Plan {
  const recorder = new RedactionRecorder();
  recorder.add(planRedactionReport(plan));
  const redact = createValueRedactor(options);
  const reported =
    (where: string): OnRedacted =>
    (rule, path, secret) => {
      recorder.record(rule, reportedPath(where, path));
      onSecret(secret);
    };
  const silent: OnRedacted = (_rule, _path, secret) => onSecret(secret);
  const change = <T extends { before?: Json; after?: Json }>(
    c: T,
    where: string,
  ): T =>
    c &&
    withValues(
      c,
      redact(c.before, reported(`${where} (before)`)),
      redact(c.after, reported(`${where} (after)`)),
    );
  const resource = (rc: ResourceChange): ResourceChange =>
    withChange(rc, c => change(c, String(rc.address)));
  const planned = plan.planned_values as Record<string, Json> | undefined;
  const out: Plan = {
    ...plan,
    variables:
      plan.variables &&
      Object.fromEntries(
        Object.entries(plan.variables as Record<string, { value?: Json }>).map(
          ([name, variable]) => [
            name,
            variable && {
              ...variable,
              // `{ db_password: { value } }`: the name says what the value is
              value: (
                redact({ [name]: variable.value }, reported('var')) as Record<
                  string,
                  Json
                >
              )[name],
            },
          ],
        ),
      ),
    planned_values: planned && (redact(planned, silent) as Json),
    resource_changes: plan.resource_changes?.map(resource),
    resource_drift: plan.resource_drift?.map(rc =>
      withChange(rc, c => change(c, `drift ${rc.address}`)),
    ),
    deferred_changes: (
      plan.deferred_changes as
        | Array<{ resource_change?: ResourceChange }>
        | undefined
    )?.map(deferred => ({
      ...deferred,
      resource_change:
        deferred?.resource_change && resource(deferred.resource_change),
    })),
    output_changes:
      plan.output_changes &&
      Object.fromEntries(
        Object.entries(plan.output_changes).map(([name, c]) => [
          name,
          change(c, `output.${name}`),
        ]),
      ),
    // literal values written in the configuration (`password = "…"`)
    configuration: redact(plan.configuration, reported('configuration')),
    [REDACTION_REPORT_KEY]: recorder.report(),
  };
  return Object.fromEntries(
    Object.entries(out).filter(([, v]) => v !== undefined),
  ) as Plan;
}

/**
 * The plan as tofUI stores and shows it: every sensitive value replaced by
 * {@link REDACTED} — in resource changes (`before_sensitive`/`after_sensitive`
 * at any depth), drift, deferred changes, output changes, planned values
 * (`sensitive_values`, sensitive outputs) and variables declared sensitive —
 * with `prior_state` dropped and variable defaults removed from the
 * configuration. The sensitivity maps are kept, so a renderer can still say
 * which values were sensitive, and whether they are also unknown.
 *
 * Then a second layer masks what the plan forgot to mark (see
 * createValueRedactor, configured by `redaction`), and the plan gets a
 * redaction report under {@link REDACTION_REPORT_KEY}: counts per rule and
 * paths, never values; one the plan already carries (redacted before, by
 * the CLI) is added to.
 *
 * @public
 */
export function redactPlan(
  plan: Plan,
  options: { redaction?: RedactionOptions } = {},
): Plan {
  return redactUnmarked(redactMarked(plan), options.redaction, () => {});
}

/**
 * The plan redacted as {@link redactPlan} does, and the secrets of the raw
 * plan as text to mask the log of the same run with: the values the plan
 * marks sensitive ({@link sensitiveValues}) and the values the second layer
 * found unmarked — so a password a provider forgot to mark is masked in the
 * log too, not only in the plan.
 *
 * @public
 */
export function redactPlanAndSecrets(
  plan: Plan,
  options: { redaction?: RedactionOptions } = {},
): { plan: Plan; secrets: string[] } {
  const found = new Set<string>();
  const redacted = redactUnmarked(redactMarked(plan), options.redaction, s =>
    found.add(s),
  );
  return {
    plan: redacted,
    secrets: [...new Set([...sensitiveValues(plan), ...foundSecrets(found)])],
  };
}

/** The first layer: what the plan marks sensitive. */
function redactMarked(plan: Plan): Plan {
  const sensitiveVariables = sensitiveVariableNames(plan);
  const { prior_state: _priorState, ...rest } = plan;
  const planned = plan.planned_values as
    | { outputs?: Outputs; root_module?: PlannedModule; [k: string]: Json }
    | undefined;
  const configuration = plan.configuration as
    | { root_module?: Json; [k: string]: Json }
    | undefined;

  return {
    ...rest,
    variables: plan.variables
      ? Object.fromEntries(
          Object.entries(
            plan.variables as Record<string, { value?: Json }>,
          ).map(([name, variable]) => [
            name,
            sensitiveVariables.has(name)
              ? { ...variable, value: maskSensitive(variable?.value, true) }
              : variable,
          ]),
        )
      : undefined,
    planned_values: planned && {
      ...planned,
      outputs: redactOutputs(planned.outputs),
      root_module: redactModule(planned.root_module),
    },
    resource_changes: plan.resource_changes?.map(redactResourceChange),
    resource_drift: plan.resource_drift?.map(redactResourceChange),
    deferred_changes: (
      plan.deferred_changes as
        | Array<{ resource_change?: ResourceChange }>
        | undefined
    )?.map(deferred => ({
      ...deferred,
      resource_change:
        deferred?.resource_change &&
        redactResourceChange(deferred.resource_change),
    })),
    output_changes: plan.output_changes
      ? Object.fromEntries(
          Object.entries(plan.output_changes).map(([name, change]) => [
            name,
            redactChange(change),
          ]),
        )
      : undefined,
    configuration: configuration && {
      ...configuration,
      root_module: withoutVariableDefaults(configuration.root_module),
    },
  };
}
