import type { Plan, ResourceChange } from './types';

/** What a sensitive value becomes; Terraform's own CLI shows the same words. @public */
export const REDACTED = '(sensitive value)';

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
        out ??= { ...object };
        // defined, not assigned: a key named __proto__ stays a key
        Object.defineProperty(out, key, {
          value: masked,
          enumerable: true,
          writable: true,
          configurable: true,
        });
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
  return {
    ...change,
    before: maskSensitive(change.before, change.before_sensitive),
    after: maskSensitive(change.after, change.after_sensitive),
  };
}

function redactResourceChange(rc: ResourceChange): ResourceChange {
  return rc?.change ? { ...rc, change: redactChange(rc.change) } : rc;
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

/**
 * The plan as tofUI stores and shows it: every sensitive value replaced by
 * {@link REDACTED} — in resource changes (`before_sensitive`/`after_sensitive`
 * at any depth), drift, deferred changes, output changes, planned values
 * (`sensitive_values`, sensitive outputs) and variables declared sensitive —
 * with `prior_state` dropped and variable defaults removed from the
 * configuration. The sensitivity maps are kept, so a renderer can still say
 * which values were sensitive, and whether they are also unknown.
 *
 * @public
 */
export function redactPlan(plan: Plan): Plan {
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
