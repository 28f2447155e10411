/**
 * What tofUI reads out of the human console output of `terraform`/`tofu`
 * `plan` and `apply`. The console text is the only record many pipelines
 * keep, so these types describe what it tells, not what the JSON plan would.
 */

/**
 * An action on a resource. `replace` is never printed as such: it is the
 * name for a destroy and a create of the same address in one run.
 *
 * @public
 */
export type LogResourceAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'replace'
  | 'read'
  | 'import'
  | 'forget';

/**
 * Where a resource ended up. `in-progress` means an operation started and
 * the log never said it completed (the run was cut off, or failed without
 * an error that names the resource).
 *
 * @public
 */
export type LogResourceStatus = 'complete' | 'failed' | 'in-progress';

/** One resource that the run worked on during apply. @public */
export interface LogResource {
  /** The address as printed (deposed-object suffixes removed). */
  address: string;
  /**
   * The one action that describes the resource: `replace` when both a
   * destroy and a create were seen, else the create, delete or update,
   * else the import, else the read.
   */
  action: LogResourceAction;
  /** Every action seen, in the order first seen; never `replace`. */
  actions: LogResourceAction[];
  status: LogResourceStatus;
  /**
   * For replacements: `delete-first` (the default) or `create-first`
   * (`create_before_destroy`, where the old object is destroyed as a
   * deposed object after the new one exists).
   */
  replaceOrder?: 'delete-first' | 'create-first';
  /**
   * The id printed in `[id=…]` (or the name, when the provider has no id).
   * The newest object's id wins: after a replacement, the new one.
   */
  id?: string;
  /** Sum of the `… complete after <duration>` times, in seconds. */
  durationSeconds?: number;
  /**
   * For resources that did not complete: the last `[… elapsed]` time
   * printed, a lower bound of how long the operation ran.
   */
  elapsedSeconds?: number;
}

/** A resource the run read from state (`Refreshing state...`). @public */
export interface LogRefreshedResource {
  address: string;
  id?: string;
}

/** A change announced by a plan (`# aws_x.y will be created`). @public */
export interface LogPlannedChange {
  address: string;
  action: LogResourceAction;
  /** Set for `(deposed object …)` entries of a create-before-destroy. */
  deposed?: string;
  /** The id from `# (imported from "…")` when the change also imports. */
  importId?: string;
}

/** An output the plan will change, from `Changes to Outputs:`. @public */
export interface LogOutputChange {
  name: string;
  action: 'create' | 'update' | 'delete';
}

/**
 * Counts from `Plan: …` or `Apply complete! Resources: …`; a kind the line
 * did not mention is 0.
 *
 * @public
 */
export interface LogChangeCounts {
  import: number;
  add: number;
  change: number;
  destroy: number;
  forget: number;
}

/** An `Error:` or `Warning:` block. @public */
export interface LogDiagnostic {
  severity: 'error' | 'warning';
  /** The text after `Error: ` / `Warning: `. */
  summary: string;
  /** The explanation below the context lines, line breaks kept. */
  detail: string;
  /** From `with <address>,`. */
  address?: string;
  /** From `on <file> line <n>`. */
  file?: string;
  line?: number;
  /** From `, in <block>:`, e.g. `resource "aws_instance" "web"`. */
  block?: string;
}

/**
 * How the run ended: `succeeded` (apply or destroy complete), `failed` (an
 * error, or a resource that failed), `no-changes`, or `unknown` (anything
 * else, a plan with changes included: see `kind` and `plan`).
 *
 * @public
 */
export type LogOutcome = 'succeeded' | 'failed' | 'no-changes' | 'unknown';

/** Everything {@link parseTerraformLog} read from a console log. @public */
export interface LogReport {
  /** `apply` when anything was applied or an apply summary printed. */
  kind: 'apply' | 'plan' | 'unknown';
  outcome: LogOutcome;
  /** Resources in the order first seen during apply. */
  resources: LogResource[];
  refreshed: LogRefreshedResource[];
  planned: LogPlannedChange[];
  /** From the `Plan: …` line. */
  plan?: LogChangeCounts;
  /** From `Apply complete! …` or `Destroy complete! …`. */
  applied?: LogChangeCounts;
  /** `No changes.` was printed. */
  noChanges: boolean;
  outputChanges: LogOutputChange[];
  errors: LogDiagnostic[];
  warnings: LogDiagnostic[];
}
