import type { Plan, ResourceChange } from '@tofui/report';

/** A resource change of a test plan: `actions` on `address`, before and after. */
export function change(
  address: string,
  actions: ResourceChange['change']['actions'],
  before: unknown,
  after: unknown,
  extra: Omit<Partial<ResourceChange>, 'change'> & {
    change?: Partial<ResourceChange['change']>;
  } = {},
): ResourceChange {
  const parts = address.split('.');
  const [type, name] = parts.slice(-2);
  const { change: changeExtra, ...rest } = extra;
  return {
    address,
    module_address: parts.length > 2 ? parts.slice(0, -2).join('.') : undefined,
    mode: 'managed',
    type,
    name,
    provider_name: `registry.opentofu.org/hashicorp/${type.split('_')[0]}`,
    change: { actions, before, after, ...changeExtra },
    ...rest,
  };
}

/** A plan of these changes and this drift. */
export function plan(
  resourceChanges: ResourceChange[],
  drift: ResourceChange[] = [],
): Plan {
  return {
    format_version: '1.2',
    terraform_version: '1.9.0',
    resource_changes: resourceChanges,
    resource_drift: drift,
  };
}
