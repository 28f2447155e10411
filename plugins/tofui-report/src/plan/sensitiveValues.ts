import { REDACTED } from './redacted';
import type { Plan } from './types';

type Json = unknown;

/**
 * Shorter values are not collected: "db", "1" or "true" cannot be told apart
 * from ordinary text, and masking them everywhere would ruin a log.
 */
const MIN_SENSITIVE_LENGTH = 4;

/**
 * Values the second redaction layer found by their key's name or shape are
 * a guess, not the plan's word: they mask the log from this length on, so a
 * guess never blanks a common word across it.
 */
const MIN_FOUND_LENGTH = 8;

/** The lines of a multi-line value are collected too, from this length on. */
const MIN_LINE_LENGTH = 8;

function addLeaf(value: Json, out: Set<string>) {
  // booleans and null are never secrets worth finding in a log
  if (typeof value === 'number' || typeof value === 'bigint') {
    addLeaf(String(value), out);
    return;
  }
  if (typeof value !== 'string' || value === REDACTED) {
    return;
  }
  if (value.length >= MIN_SENSITIVE_LENGTH) {
    out.add(value);
    // debug logs and JSON output show the value escaped
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) {
      out.add(escaped);
    }
  }
  // Terraform prints a multi-line value (a key, a heredoc) line by line
  if (value.includes('\n')) {
    for (const line of value.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= MIN_LINE_LENGTH) {
        out.add(trimmed);
      }
    }
  }
}

function addAll(value: Json, out: Set<string>) {
  if (Array.isArray(value)) {
    value.forEach(item => addAll(item, out));
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(item => addAll(item, out));
  } else {
    addLeaf(value, out);
  }
}

/** The parts of `value` a sensitivity map marks, as {@link maskSensitive} reads the map. */
function addMarked(value: Json, sensitive: Json, out: Set<string>) {
  if (sensitive === true) {
    addAll(value, out);
  } else if (sensitive !== null && typeof sensitive === 'object') {
    if (value === null || typeof value !== 'object') {
      return;
    }
    // the map's keys, not the value's: a map marks a few of many attributes
    const marks = sensitive as Record<string, Json>;
    const object = value as Record<string, Json>;
    for (const key of Object.keys(marks)) {
      if (marks[key] && Object.prototype.hasOwnProperty.call(object, key)) {
        addMarked(object[key], marks[key], out);
      }
    }
  }
}

interface Change {
  before?: Json;
  after?: Json;
  before_sensitive?: Json;
  after_sensitive?: Json;
}

function addChange(change: Change | undefined, out: Set<string>) {
  addMarked(change?.before, change?.before_sensitive, out);
  addMarked(change?.after, change?.after_sensitive, out);
}

interface StateModule {
  resources?: Array<{ values?: Json; sensitive_values?: Json }>;
  child_modules?: StateModule[];
}

type Outputs = Record<string, { sensitive?: boolean; value?: Json }>;

/** Planned values and prior state have the same shape. */
function addStateValues(
  values: { outputs?: Outputs; root_module?: StateModule } | undefined,
  out: Set<string>,
) {
  for (const output of Object.values(values?.outputs ?? {})) {
    if (output?.sensitive) {
      addAll(output.value, out);
    }
  }
  const modules = values?.root_module ? [values.root_module] : [];
  for (let module = modules.pop(); module; module = modules.pop()) {
    for (const resource of module.resources ?? []) {
      addMarked(resource?.values, resource?.sensitive_values, out);
    }
    modules.push(...(module.child_modules ?? []));
  }
}

interface ConfigModule {
  variables?: Record<string, { sensitive?: boolean; default?: Json }>;
  module_calls?: Record<string, { module?: ConfigModule }>;
}

/** Defaults of variables declared sensitive, in every module. */
function addSensitiveDefaults(
  module: ConfigModule | undefined,
  out: Set<string>,
) {
  for (const declaration of Object.values(module?.variables ?? {})) {
    if (declaration?.sensitive) {
      addAll(declaration.default, out);
    }
  }
  for (const call of Object.values(module?.module_calls ?? {})) {
    addSensitiveDefaults(call?.module, out);
  }
}

/**
 * Every value the plan marks sensitive, as text to look for elsewhere (a log
 * of the same run): the places {@link redactPlan} masks, plus the prior
 * state it drops. Strings come as they are and JSON-escaped; numbers as
 * written; values shorter than four characters are left out (too common to mask).
 *
 * @public
 */
export function sensitiveValues(plan: Plan): string[] {
  const out = new Set<string>();
  const changes = [
    ...(plan.resource_changes ?? []),
    ...(plan.resource_drift ?? []),
    ...((plan.deferred_changes ?? []) as Array<{ resource_change?: Json }>)
      .map(deferred => deferred?.resource_change)
      .filter(Boolean),
  ] as Array<{ change?: Change }>;
  changes.forEach(rc => addChange(rc?.change, out));
  Object.values(plan.output_changes ?? {}).forEach(c => addChange(c, out));
  addStateValues(
    plan.planned_values as Parameters<typeof addStateValues>[0],
    out,
  );
  addStateValues(
    (plan.prior_state as { values?: Parameters<typeof addStateValues>[0] })
      ?.values,
    out,
  );
  const configuration = plan.configuration as
    | { root_module?: ConfigModule }
    | undefined;
  addSensitiveDefaults(configuration?.root_module, out);
  const declared = configuration?.root_module?.variables ?? {};
  for (const [name, variable] of Object.entries(
    (plan.variables ?? {}) as Record<string, { value?: Json }>,
  )) {
    if (declared[name]?.sensitive) {
      addAll(variable?.value, out);
    }
  }
  return [...out];
}

/**
 * Secrets the second redaction layer found in a plan (see
 * redactPlanAndSecrets), as text to look for in a log: as for marked values,
 * JSON-escaped and line by line too, from {@link MIN_FOUND_LENGTH} on.
 */
export function foundSecrets(found: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const secret of found) {
    if (secret.length >= MIN_FOUND_LENGTH) {
      addLeaf(secret, out);
    }
  }
  return [...out];
}
