import {
  changeAction,
  diffChange,
  formatAttributePath,
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
}

// The action vocabulary is the API's (openapi.yaml's ChangeAction): one list.
export type { ChangeAction };
const CHANGE_ACTIONS: readonly string[] =
  spec.components.schemas.ChangeAction.enum;

/**
 * The index rows of a (redacted) plan: its changed resources and its drift,
 * with the action the report shows (the engine's changeAction, both
 * replacement orders as `replace`) and the attribute paths diffChange finds
 * changed. No-ops are left out.
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
  const attributes = diffChange({
    action,
    before: change.before,
    after: change.after,
    afterUnknown: change.after_unknown,
    replacePaths,
  })
    .filter(diff => diff.kind !== 'same' && diff.path !== '(value)')
    .map(diff => diff.path);
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
