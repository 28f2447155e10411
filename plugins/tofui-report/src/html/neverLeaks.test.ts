/**
 * @jest-environment node
 */
import fc from 'fast-check';
import { parseTerraformLog } from '../logs';
import { redactPlan } from '../plan/redactPlan';
import { summarizePlan } from '../plan/summarizePlan';
import { readReportModel } from './readReportModel';
import { renderPlanReport } from './renderPlanReport';

const SECRET = 'fc-PLANTED-secret-0042';

/**
 * A value and its sensitivity map, built together so that the secret sits
 * only where the map says "sensitive": like a real plan, where every secret
 * value is marked by the provider or by a sensitive variable.
 */
const valueWithMarks: fc.Arbitrary<[unknown, unknown]> = fc.letrec(tie => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constant<[unknown, unknown]>([SECRET, true]),
    fc.tuple(
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
      fc.constant(false),
    ),
    fc
      .array(tie('node') as fc.Arbitrary<[unknown, unknown]>, { maxLength: 4 })
      .map(
        items =>
          [items.map(i => i[0]), items.map(i => i[1])] as [unknown, unknown],
      ),
    fc
      .dictionary(
        fc.string({ minLength: 1, maxLength: 8 }),
        tie('node') as fc.Arbitrary<[unknown, unknown]>,
        { maxKeys: 4 },
      )
      .map(
        entries =>
          [
            Object.fromEntries(
              Object.entries(entries).map(([k, v]) => [k, v[0]]),
            ),
            Object.fromEntries(
              Object.entries(entries).map(([k, v]) => [k, v[1]]),
            ),
          ] as [unknown, unknown],
      ),
    // a whole object marked sensitive
    fc.constant<[unknown, unknown]>([
      { nested: [SECRET, { deeper: SECRET }] },
      true,
    ]),
  ),
})).node;

const actions = fc.constantFrom(
  ['create'],
  ['update'],
  ['delete'],
  ['delete', 'create'],
  ['create', 'delete'],
  ['read'],
  ['no-op'],
  ['forget'],
);

const resourceChange = fc.record({
  address: fc.string({ minLength: 1 }),
  type: fc.string(),
  actions,
  before: valueWithMarks,
  after: valueWithMarks,
  unknown: fc.oneof(
    fc.constant({}),
    fc.constant(true),
    fc.dictionary(fc.string(), fc.boolean()),
  ),
  previous: fc.option(fc.string()),
  reason: fc.option(fc.string()),
  importing: fc.boolean(),
});

const plan = fc
  .record({
    version: fc.constantFrom('0.1', '0.2', '1.0', '1.1', '1.2', '1.9'),
    changes: fc.array(resourceChange, { maxLength: 8 }),
    drift: fc.array(resourceChange, { maxLength: 3 }),
    output: valueWithMarks,
    errored: fc.boolean(),
  })
  .map(p => ({
    format_version: p.version,
    errored: p.errored,
    variables: { password: { value: SECRET } },
    configuration: {
      root_module: {
        variables: { password: { sensitive: true, default: SECRET } },
      },
    },
    prior_state: {
      values: { outputs: { o: { sensitive: true, value: SECRET } } },
    },
    output_changes: {
      out: {
        actions: ['create'],
        before: null,
        after: p.output[0],
        after_sensitive: p.output[1],
        after_unknown: false,
      },
      secret_out: {
        actions: ['update'],
        before: SECRET,
        after: SECRET,
        before_sensitive: true,
        after_sensitive: true,
      },
    },
    resource_changes: p.changes.map(toChange),
    resource_drift: p.drift.map(toChange),
  }));

function toChange(c: fc.RecordValue<any>) {
  return {
    address: c.address,
    type: c.type,
    ...(c.previous !== null && { previous_address: c.previous }),
    ...(c.reason !== null && { action_reason: c.reason }),
    change: {
      actions: c.actions,
      before: c.before[0],
      before_sensitive: c.before[1],
      after: c.after[0],
      after_sensitive: c.after[1],
      after_unknown: c.unknown,
      ...(c.importing && { importing: { id: 'i-1' } }),
    },
  };
}

describe('the engine on random plans', () => {
  it('never throws and never lets a planted secret through', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async p => {
        const redacted = redactPlan(p as any);
        expect(JSON.stringify(redacted)).not.toContain(SECRET);
        summarizePlan(p as any);
        // the log of the same run holds the secret too: the page must not
        const html = await renderPlanReport(p as any, {
          displayName: 'x',
          log: `Error: bad value\n\n  ${SECRET} refused\n{"v":"${SECRET}"}`,
        });
        expect(html).not.toContain(SECRET);
        expect(JSON.stringify(await readReportModel(html))).not.toContain(
          SECRET,
        );
      }),
      { numRuns: 200 },
    );
    // 200 full renders take ~3 s alone but well over 5 s on a busy 2-core CI
    // machine running the other suites in parallel: the property, not the
    // clock, is what this test checks.
  }, 60_000);

  it('parses any text as a log without throwing', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 2000 }),
        fc.array(
          fc.constantFrom(
            '│ Error: x',
            'a.b: Creating...',
            'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
            '╷',
            '╵',
            '\u001b[31m',
          ),
          { maxLength: 20 },
        ),
        (noise, lines) => {
          const report = parseTerraformLog([noise, ...lines].join('\n'));
          expect(['succeeded', 'failed', 'no-changes', 'unknown']).toContain(
            report.outcome,
          );
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});
