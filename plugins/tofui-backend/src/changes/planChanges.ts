import {
  changeAction,
  changedAttributePaths,
  formatAttributePath,
  type LogReport,
  type Plan,
  type ResourceChange,
} from '@tofui/report';
import type { ChangeAction } from '@tofui/backstage-plugin-tofui-common';
import { spec } from '../schema/openapi.generated';

/** What the change index keeps of one resource change: never a value. */
export interface PlannedChange {
  address: string;
  module?: string;
  type: string;
  provider?: string;
  action: ChangeAction;
  reason?: string;
  forcing: string[];
  /** Changed attribute paths (`tags.Team`, `ingress[0].cidr`). */
  attributes: string[];
  movedFrom?: string;
  importingId?: string;
  /** From `resource_drift`: changed outside of Terraform. */
  drift: boolean;
  /** From an apply's log: what happened to the resource. */
  outcome?: ChangeOutcome;
}

export type ChangeOutcome = NonNullable<
  (typeof spec.components.schemas.Change.properties.outcome)['enum']
>[number];

// The action vocabulary is the API's (openapi.yaml's ChangeAction): one list.
export type { ChangeAction };
const CHANGE_ACTIONS: readonly string[] =
  spec.components.schemas.ChangeAction.enum;

/**
 * The index rows of a (redacted) plan: its changed resources and its drift,
 * with the action the report shows (the engine's changeAction, both
 * replacement orders as `replace`) and the attribute paths the report's
 * diff finds changed (changedAttributePaths). No-ops are left out.
 */
export function planChanges(plan: Plan): PlannedChange[] {
  const rows: PlannedChange[] = [];
  for (const [list, drift] of [
    [plan.resource_changes, false],
    [plan.resource_drift, true],
  ] as const) {
    for (const rc of list ?? []) {
      const row = toRow(rc, drift);
      if (row) rows.push(row);
    }
  }
  return rows;
}

function toRow(rc: ResourceChange, drift: boolean): PlannedChange | undefined {
  const shown = changeAction(rc);
  const action = (
    shown === 'replace-create-first' ? 'replace' : shown
  ) as ChangeAction;
  if (!CHANGE_ACTIONS.includes(action)) {
    return undefined; // no-op, or an action list no Terraform writes
  }
  const change = rc.change ?? ({} as ResourceChange['change']);
  const replacePaths = Array.isArray(change.replace_paths)
    ? change.replace_paths
    : [];
  const attributes = changedAttributePaths({
    action,
    before: change.before,
    after: change.after,
    afterUnknown: change.after_unknown,
  });
  return {
    address: String(rc.address),
    module: rc.module_address || undefined,
    type: String(rc.type ?? ''),
    provider: rc.provider_name || undefined,
    action,
    reason: rc.action_reason || undefined,
    forcing: replacePaths.map(formatAttributePath).filter(Boolean),
    // Creates and deletes list every attribute: kept, as "who set tags.Team".
    attributes,
    movedFrom:
      rc.previous_address && rc.previous_address !== rc.address
        ? rc.previous_address
        : undefined,
    importingId: change.importing
      ? String(change.importing.id ?? '(identity)')
      : undefined,
    drift,
  };
}

/**
 * The index rows of an apply's (masked) log, as the engine parses it: one
 * per resource the apply worked on, with its outcome. A log names no
 * attribute paths, and the provider only in the JSON plan. Resources only
 * read (data sources) are left out, as no-ops are from plans.
 */
export function logChanges(log: LogReport): PlannedChange[] {
  return log.resources
    .filter(resource => resource.action !== 'read')
    .map(resource => {
      const { module, type } = splitAddress(resource.address);
      return {
        address: resource.address,
        module,
        type,
        action: resource.action,
        forcing: [],
        attributes: [],
        importingId:
          resource.action === 'import'
            ? resource.id ?? '(identity)'
            : undefined,
        drift: false,
        outcome: resource.status,
      };
    });
}

/** `module.a["k"].aws_x.y[0]` → module `module.a["k"]`, type `aws_x`. */
function splitAddress(address: string): { module?: string; type: string } {
  const steps = addressSteps(address);
  let i = 0;
  while (steps[i] === 'module' && i + 2 < steps.length) i += 2;
  const rest = steps.slice(i);
  return {
    module: i > 0 ? steps.slice(0, i).join('.') : undefined,
    type: (rest[0] === 'data' ? rest[1] : rest[0]) ?? '',
  };
}

/** The dot-separated steps of an address; dots in instance keys stay. */
function addressSteps(address: string): string[] {
  const steps: string[] = [];
  let step = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < address.length; i += 1) {
    const c = address[i];
    if (quoted) {
      if (c === '\\') {
        step += c + (address[i + 1] ?? '');
        i += 1;
        continue;
      }
      if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === '[') {
      depth += 1;
    } else if (c === ']') {
      depth -= 1;
    } else if (c === '.' && depth === 0) {
      steps.push(step);
      step = '';
      continue;
    }
    step += c;
  }
  steps.push(step);
  return steps;
}
