import type { Plan, ResourceChange } from './types';

/** Counts of what a plan will do. @public */
export interface PlanSummary {
  /** Resources created (not counting replacements). */
  add: number;
  /** Resources updated in place. */
  change: number;
  /** Resources destroyed (not counting replacements). */
  destroy: number;
  /** Replacements, both orders together. */
  replace: number;
  /** Replacements that destroy first (`["delete","create"]`). */
  replaceDeleteFirst: number;
  /** Replacements that create first (`create_before_destroy`). */
  replaceCreateFirst: number;
  /** Data sources read during apply. */
  read: number;
  /** Resources without changes. */
  noop: number;
  /** Resources imported. */
  import: number;
  /** Resources moved (`previous_address`). */
  move: number;
  /** Resources removed from state without being destroyed. */
  forget: number;
  /** Outputs that change. */
  outputChanges: number;
  /** Resources changed outside of Terraform (`resource_drift`). */
  drift: number;
  /** Changes deferred to a later plan. */
  deferred: number;
  /** Whether planning failed. */
  errored: boolean;
}

function actionsEqual(actions: readonly string[], expected: string[]) {
  return (
    actions.length === expected.length &&
    actions.every((a, i) => a === expected[i])
  );
}

function countChange(summary: PlanSummary, rc: ResourceChange) {
  const actions = rc.change?.actions ?? [];
  if (actionsEqual(actions, ['delete', 'create'])) {
    summary.replace += 1;
    summary.replaceDeleteFirst += 1;
  } else if (actionsEqual(actions, ['create', 'delete'])) {
    summary.replace += 1;
    summary.replaceCreateFirst += 1;
  } else if (actionsEqual(actions, ['create'])) {
    summary.add += 1;
  } else if (actionsEqual(actions, ['update'])) {
    summary.change += 1;
  } else if (actionsEqual(actions, ['delete'])) {
    summary.destroy += 1;
  } else if (actionsEqual(actions, ['read'])) {
    summary.read += 1;
  } else if (actionsEqual(actions, ['forget'])) {
    summary.forget += 1;
  } else if (actionsEqual(actions, ['no-op'])) {
    summary.noop += 1;
  }
  if (rc.change?.importing) {
    summary.import += 1;
  }
  if (rc.previous_address && rc.previous_address !== rc.address) {
    summary.move += 1;
  }
}

/**
 * Counts what a plan will do, per action, the way `terraform plan` reports
 * it (replacements apart from adds and destroys), plus imports, moves,
 * output changes, drift, deferred changes and whether planning errored.
 *
 * @public
 */
export function summarizePlan(plan: Plan): PlanSummary {
  const summary: PlanSummary = {
    add: 0,
    change: 0,
    destroy: 0,
    replace: 0,
    replaceDeleteFirst: 0,
    replaceCreateFirst: 0,
    read: 0,
    noop: 0,
    import: 0,
    move: 0,
    forget: 0,
    outputChanges: 0,
    drift: 0,
    deferred: 0,
    errored: plan.errored === true,
  };
  for (const rc of plan.resource_changes ?? []) {
    countChange(summary, rc);
  }
  for (const output of Object.values(plan.output_changes ?? {})) {
    const actions = output?.actions ?? [];
    if (actions.length > 0 && !actionsEqual(actions, ['no-op'])) {
      summary.outputChanges += 1;
    }
  }
  summary.drift = (plan.resource_drift ?? []).length;
  summary.deferred = (plan.deferred_changes ?? []).length;
  return summary;
}

/**
 * Whether applying the plan would change anything: resources (including
 * imports, moves and forgets) or outputs. Reads of data sources alone are not
 * changes.
 *
 * @public
 */
export function planHasChanges(summary: PlanSummary): boolean {
  return (
    summary.add +
      summary.change +
      summary.destroy +
      summary.replace +
      summary.import +
      summary.move +
      summary.forget +
      summary.outputChanges >
    0
  );
}

/**
 * The `terraform_plan` status code the original tofUI used, from the plan
 * itself: 1 when planning errored, 2 when there are changes, 0 otherwise —
 * the same codes as `terraform plan -detailed-exitcode`.
 *
 * @public
 */
export function planStatusCode(summary: PlanSummary): 0 | 1 | 2 {
  if (summary.errored) {
    return 1;
  }
  return planHasChanges(summary) ? 2 : 0;
}
