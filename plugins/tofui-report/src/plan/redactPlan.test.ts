import fs from 'node:fs';
import path from 'node:path';
import { generatedPlan, planGenerators } from '../__testUtils__/fixtureSources';
import { parsePlan } from './parsePlan';
import { maskSensitive, REDACTED, redactPlan } from './redactPlan';

const SECRET = 'hunter2-SECRET';

function fixture(name: string) {
  return parsePlan(
    fs.readFileSync(path.resolve(__dirname, '../__fixtures__', name), 'utf8'),
  ).plan;
}

describe('redactPlan', () => {
  const redacted = redactPlan(fixture('secrets-plan.json')) as any;
  const text = JSON.stringify(redacted);

  it('leaves no sensitive value anywhere', () => {
    expect(text).not.toContain(SECRET);
  });

  it('masks resource changes at any depth, keeping what is not sensitive', () => {
    const [db, random, whole] = redacted.resource_changes;
    expect(db.change.after).toEqual({
      engine: 'postgres',
      password: REDACTED,
      nested: { list: [{ secret: REDACTED, open: 2 }] },
    });
    expect(db.change.before.password).toBe(REDACTED);
    // sensitive and unknown: nothing to mask, both maps kept for the renderer
    expect(random.change.after).toEqual({ length: 24 });
    expect(random.change.after_sensitive).toEqual({ result: true });
    expect(random.change.after_unknown).toEqual({ result: true });
    // a whole sensitive object
    expect(whole.change.after).toBe(REDACTED);
  });

  it('masks drift, deferred changes, outputs, planned values and sensitive variables', () => {
    expect(redacted.resource_drift[0].change.after.password).toBe(REDACTED);
    expect(redacted.deferred_changes[0].resource_change.change.after.s).toBe(
      REDACTED,
    );
    expect(redacted.output_changes.admin_token).toMatchObject({
      before: REDACTED,
      after: REDACTED,
    });
    expect(redacted.output_changes.endpoint.after).toBe('db.internal');
    expect(redacted.planned_values.outputs.admin_token.value).toBe(REDACTED);
    expect(redacted.planned_values.root_module.resources[0].values).toEqual({
      engine: 'postgres',
      password: REDACTED,
      tags: { Team: 'data' },
    });
    expect(
      redacted.planned_values.root_module.child_modules[0].resources[0].values
        .data,
    ).toEqual([
      { key: 'token', value: REDACTED },
      { key: 'plain', value: 'visible' },
    ]);
    expect(redacted.variables).toEqual({
      region: { value: 'eu-west-1' },
      db_password: { value: REDACTED },
    });
  });

  it('drops prior state and variable defaults', () => {
    expect(redacted.prior_state).toBeUndefined();
    expect(redacted.configuration.root_module.variables).toEqual({
      region: {},
      db_password: { sensitive: true },
    });
    expect(
      redacted.configuration.root_module.module_calls.app.module.variables,
    ).toEqual({
      token: { sensitive: true },
    });
  });
});

// Generated plans plant a secret in every spot where real plans have them.
describe.each(planGenerators())(
  'redactPlan on plans with planted secrets (%s generator)',
  generator => {
    it.each([1, 2, 3])('seed %i leaks nothing', seed => {
      const secret = `planted-${seed}-s3cr3t`;
      const json = generatedPlan(generator, { resources: 400, seed, secret });
      expect(json).toContain(secret);
      expect(JSON.stringify(redactPlan(parsePlan(json).plan))).not.toContain(
        secret,
      );
    });
  },
);

describe('maskSensitive', () => {
  it('returns what it masks nothing in as it is (no copy), and copies only the way to what it masks', () => {
    const open = { tags: { team: 'a' }, list: [1, 2] };
    expect(maskSensitive(open, {})).toBe(open);
    expect(maskSensitive(open, { tags: {}, list: [false, false] })).toBe(open);
    const value = {
      a: { secret: 's', other: { x: 1 } },
      b: { y: 2 },
      c: [1, 'k'],
    };
    const masked = maskSensitive(value, {
      a: { secret: true },
      c: [false, true],
    }) as any;
    expect(masked).toEqual({
      a: { secret: REDACTED, other: { x: 1 } },
      b: { y: 2 },
      c: [1, REDACTED],
    });
    expect(masked.b).toBe(value.b);
    expect(masked.a.other).toBe(value.a.other);
    expect(value.a.secret).toBe('s'); // the input is never changed
  });
});
