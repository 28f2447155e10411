/*
 * scripts/make-plan, the project's plan generator: benchmarks and the
 * redaction checks rely on what it promises.
 */
import { parsePlan } from '../plan/parsePlan';
import { summarizePlan } from '../plan/summarizePlan';
import { changeAction } from '../html/reportModel';
import { generatedPlan } from './fixtureSources';

const SECRET = 'make-plan-PLANTED-9f3';

describe('scripts/make-plan', () => {
  const json = generatedPlan('own', { resources: 60, seed: 4, secret: SECRET });
  const plan = JSON.parse(json);

  it('writes the same bytes for the same arguments, other bytes for another seed', () => {
    expect(
      generatedPlan('own', { resources: 60, seed: 4, secret: SECRET }),
    ).toBe(json);
    expect(
      generatedPlan('own', { resources: 60, seed: 5, secret: SECRET }),
    ).not.toBe(json);
  });

  it('is a plan the engine reads, with every kind of change', () => {
    const parsed = parsePlan(json).plan;
    const summary = summarizePlan(parsed);
    for (const count of [
      'add',
      'change',
      'destroy',
      'replaceDeleteFirst',
      'replaceCreateFirst',
      'read',
      'noop',
      'import',
      'move',
      'forget',
      'outputChanges',
      'drift',
      'deferred',
    ] as const) {
      expect([count, summary[count]]).toEqual([count, expect.any(Number)]);
      expect([count, summary[count] > 0]).toEqual([count, true]);
    }
    const actions = new Set(parsed.resource_changes!.map(changeAction));
    expect([...actions].sort()).toEqual(
      [
        'create',
        'delete',
        'forget',
        'import',
        'move',
        'no-op',
        'read',
        'replace',
        'replace-create-first',
        'update',
      ].sort(),
    );
    expect(plan.resource_changes.some((rc: any) => rc.deposed)).toBe(true);
    expect(plan.checks.length).toBeGreaterThan(0);
  });

  it('plants the secret, marked sensitive, in every spot a real plan has one', () => {
    const has = (value: unknown) => JSON.stringify(value).includes(SECRET);
    const changes = plan.resource_changes.map((rc: any) => rc.change);
    const spots: Record<string, unknown> = {
      variables: plan.variables.db_password,
      'variable defaults': plan.configuration.root_module.variables.db_password,
      'planned outputs': plan.planned_values.outputs.admin_token,
      'planned resources': plan.planned_values.root_module.resources,
      'prior state outputs': plan.prior_state.values.outputs,
      'prior state resources': plan.prior_state.values.root_module.resources,
      'changes before': changes.map((c: any) => c.before),
      'changes after': changes.map((c: any) => c.after),
      'output changes': plan.output_changes,
      drift: plan.resource_drift,
      'deferred changes': plan.deferred_changes,
    };
    for (const [spot, value] of Object.entries(spots)) {
      expect([spot, has(value)]).toEqual([spot, true]);
    }
    // marked: every change holding the secret says where it is sensitive
    const holding = changes.filter((c: any) => has(c.after));
    expect(holding.length).toBeGreaterThan(0);
    expect(
      holding.filter(
        (c: any) =>
          has(c.after_sensitive) ||
          !JSON.stringify(c.after_sensitive).includes('true'),
      ),
    ).toEqual([]);
    expect(plan.configuration.root_module.variables.db_password.sensitive).toBe(
      true,
    );
  });
});
