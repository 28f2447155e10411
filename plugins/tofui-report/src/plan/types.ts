/**
 * The parts of Terraform/OpenTofu's machine-readable plan (`show -json`)
 * that tofUI reads. Everything else is kept but not typed.
 */

/** An action in `change.actions`. @public */
export type PlanAction =
  | 'no-op'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'forget';

/** One entry of `resource_changes` or `resource_drift`. @public */
export interface ResourceChange {
  address: string;
  previous_address?: string;
  module_address?: string;
  mode?: 'managed' | 'data';
  type?: string;
  name?: string;
  index?: unknown;
  provider_name?: string;
  deposed?: string;
  change: {
    actions: PlanAction[];
    before?: unknown;
    after?: unknown;
    after_unknown?: unknown;
    before_sensitive?: unknown;
    after_sensitive?: unknown;
    replace_paths?: unknown[][];
    importing?: { id?: string; identity?: unknown };
  };
  action_reason?: string;
}

/** One entry of `output_changes`. @public */
export interface OutputChange {
  actions: PlanAction[];
  before?: unknown;
  after?: unknown;
  after_unknown?: unknown;
  before_sensitive?: unknown;
  after_sensitive?: unknown;
}

/** A parsed plan. @public */
export interface Plan {
  format_version: string;
  terraform_version?: string;
  resource_changes?: ResourceChange[];
  resource_drift?: ResourceChange[];
  output_changes?: Record<string, OutputChange>;
  deferred_changes?: unknown[];
  errored?: boolean;
  [key: string]: unknown;
}
