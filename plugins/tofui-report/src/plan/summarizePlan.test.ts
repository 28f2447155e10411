import fs from 'node:fs';
import path from 'node:path';
import { fixtureSources } from '../__testUtils__/fixtureSources';
import { parsePlan } from './parsePlan';
import { planStatusCode, summarizePlan } from './summarizePlan';

function fixture(name: string) {
  return parsePlan(
    fs.readFileSync(path.resolve(__dirname, '../__fixtures__', name), 'utf8'),
  ).plan;
}

describe('summarizePlan', () => {
  it('counts every kind of action, telling the two replace orders apart', () => {
    const summary = summarizePlan(fixture('mixed-plan.json'));
    expect(summary).toEqual({
      add: 1,
      change: 1,
      destroy: 1,
      replace: 2,
      replaceDeleteFirst: 1,
      replaceCreateFirst: 1,
      read: 1,
      noop: 2,
      import: 1,
      move: 1,
      forget: 1,
      outputChanges: 1,
      drift: 1,
      deferred: 0,
      errored: false,
    });
    expect(planStatusCode(summary)).toBe(2);
  });

  it('treats an output-only plan as a change', () => {
    const summary = summarizePlan(fixture('output-only-plan.json'));
    expect(summary.outputChanges).toBe(1);
    expect(summary.noop).toBe(1);
    expect(planStatusCode(summary)).toBe(2);
  });

  it('reports an errored plan as status 1', () => {
    const summary = summarizePlan(fixture('errored-plan.json'));
    expect(summary.errored).toBe(true);
    expect(planStatusCode(summary)).toBe(1);
  });

  it('gives 0 for a plan without changes', () => {
    const { plan } = parsePlan({
      format_version: '1.0',
      resource_changes: [
        {
          address: 'data.x.y',
          change: { actions: ['read'] },
        },
      ],
    });
    expect(planStatusCode(summarizePlan(plan))).toBe(0);
  });
});

// Plans shaped like `tofu show -json` output: the project's own, and real
// ones from OpenTofu's test suite when ../shared is there (same file names).
describe.each(fixtureSources('opentofu-show-json'))(
  'summarizePlan on show-json plans (%s)',
  (_source, dir) => {
    const expected: Record<
      string,
      Partial<ReturnType<typeof summarizePlan>>
    > = {
      'basic-create.json': { add: 3, outputChanges: 1 },
      'basic-delete.json': { change: 1, destroy: 1 },
      'requires-replace.json': { replace: 1, replaceDeleteFirst: 1 },
      'drift.json': { change: 2, drift: 1 },
      'plan-error.json': { errored: true },
      'moved.json': { move: 1 },
    };
    it.each(Object.entries(expected))('%s', (file, counts) => {
      const summary = summarizePlan(fixture(path.join(dir, file)));
      expect(summary).toMatchObject(counts);
    });
  },
);
