import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { fixtureSources, generatedPlan } from '../__testUtils__/fixtureSources';
import { changeAction } from '../html/reportModel';
import { changedAttributePaths } from './changedAttributePaths';
import { type ChangeToDiff, diffChange } from './diffChange';
import { parsePlan } from './parsePlan';
import type { Plan } from './types';

/** What the change index kept before changedAttributePaths: diffChange filtered. */
const changedByDiff = (change: ChangeToDiff) =>
  diffChange(change)
    .filter(diff => diff.kind !== 'same' && diff.path !== '(value)')
    .map(diff => diff.path);

describe('changedAttributePaths', () => {
  /** Every resource change and drift of the plans of `dir`, as diffChange reads them. */
  const changesOf = (plans: Plan[]) =>
    plans.flatMap(plan =>
      [...(plan.resource_changes ?? []), ...(plan.resource_drift ?? [])].map(
        rc => ({
          action: changeAction(rc),
          before: rc.change?.before,
          after: rc.change?.after,
          afterUnknown: rc.change?.after_unknown,
          replacePaths: rc.change?.replace_paths,
        }),
      ),
    );
  const plansIn = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter(file => file.endsWith('.json'))
      .flatMap(file => {
        try {
          return [
            parsePlan(fs.readFileSync(path.join(dir, file), 'utf8')).plan,
          ];
        } catch {
          return []; // not a plan (a dashboard file, a log)
        }
      });

  it.each([
    ...fixtureSources('opentofu-show-json'),
    ...fixtureSources('original-tofui'),
  ])(
    'lists exactly the paths diffChange marks changed (%s %s)',
    (_source, dir) => {
      const changes = changesOf(plansIn(dir));
      expect(changes.length).toBeGreaterThan(10);
      let compared = 0;
      for (const change of changes) {
        const expected = changedByDiff(change);
        expect(changedAttributePaths(change)).toEqual(expected);
        compared += expected.length;
      }
      expect(compared).toBeGreaterThan(0);
    },
  );

  it('lists exactly the paths diffChange marks changed on a generated plan', () => {
    const plan = parsePlan(
      generatedPlan('own', { resources: 300, seed: 7, secret: 'x-secret-x' }),
    ).plan;
    for (const change of changesOf([plan])) {
      expect(changedAttributePaths(change)).toEqual(changedByDiff(change));
    }
  });

  /** Attribute trees over few keys, so that before, after and the marks overlap. */
  const tree = <T>(leaf: fc.Arbitrary<T>) =>
    fc.letrec<{ node: unknown }>(tie => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom('id', 'tags', 'Name', 'a.b', '0', 'x y'),
          tie('node'),
          { maxKeys: 4 },
        ),
      ),
    })).node;
  const scalar = fc.oneof(
    fc.constantFrom(null, '', 'a', 'b', 0, 1, true, false),
    fc.constantFrom([], {}),
  );

  it('lists exactly the paths diffChange marks changed, for any values and marks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'create',
          'update',
          'replace',
          'delete',
          'forget',
          'read',
          'no-op',
        ),
        tree(scalar),
        tree(scalar),
        tree(fc.boolean()),
        (action, before, after, afterUnknown) => {
          const change = { action, before, after, afterUnknown };
          expect(changedAttributePaths(change)).toEqual(changedByDiff(change));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
