import fs from 'node:fs';
import path from 'node:path';
import { fixtureSources, generatedPlan } from '../__testUtils__/fixtureSources';
import { changeAction } from '../html/reportModel';
import {
  changedAttributePaths,
  diffChange,
  formatAttributePath,
} from './diffChange';
import { parsePlan } from './parsePlan';
import { REDACTED } from './redactPlan';
import type { Plan } from './types';

describe('diffChange', () => {
  it('marks changes, unknowns, sensitive values and forcing attributes', () => {
    const rows = diffChange({
      action: 'replace',
      before: {
        ami: 'ami-1',
        id: 'i-1',
        tags: { Name: 'web', 'a.b': 'x' },
        password: REDACTED,
        disks: [{ size: 8 }],
      },
      after: {
        ami: 'ami-2',
        tags: { Name: 'web' },
        password: REDACTED,
        disks: [{ size: 16 }],
      },
      afterUnknown: { id: true, disks: [{}] },
      replacePaths: [['ami'], ['disks', 0, 'size']],
    });
    const byPath = Object.fromEntries(rows.map(r => [r.path, r]));
    expect(byPath.ami).toMatchObject({
      kind: 'change',
      forcesReplacement: true,
    });
    expect(byPath.id).toMatchObject({
      kind: 'change',
      after: { known: false },
      forcesReplacement: false,
    });
    expect(byPath['tags.Name']).toMatchObject({ kind: 'same' });
    expect(byPath['tags["a.b"]']).toMatchObject({
      kind: 'remove',
      before: { known: true, value: 'x' },
    });
    expect(byPath.password).toMatchObject({ kind: 'same', sensitive: true });
    expect(byPath['disks[0].size']).toMatchObject({
      kind: 'change',
      forcesReplacement: true,
    });
  });

  it('shows a create with everything added, unknown subtrees as one value, and a delete as removals', () => {
    expect(
      diffChange({
        action: 'create',
        after: { name: 'x', arn: 'ignored' },
        afterUnknown: { arn: true, nested: true },
      }),
    ).toEqual([
      {
        path: 'name',
        after: { known: true, value: 'x' },
        kind: 'add',
        forcesReplacement: false,
        sensitive: false,
      },
      {
        path: 'arn',
        after: { known: false },
        kind: 'add',
        forcesReplacement: false,
        sensitive: false,
      },
      {
        path: 'nested',
        after: { known: false },
        kind: 'add',
        forcesReplacement: false,
        sensitive: false,
      },
    ]);
    expect(
      diffChange({ action: 'delete', before: { id: 'i-1' }, after: null }).map(
        r => r.kind,
      ),
    ).toEqual(['remove']);
    expect(diffChange({ action: 'create', after: 'scalar' })[0].path).toBe(
      '(value)',
    );
  });

  it('writes replace paths like Terraform does', () => {
    expect(formatAttributePath(['tags', 'Name'])).toBe('tags.Name');
    expect(formatAttributePath(['rules', 0, 'cidr blocks'])).toBe(
      'rules[0]["cidr blocks"]',
    );
  });
});

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
  /** What the change index kept before changedAttributePaths: diffChange filtered. */
  const changedByDiff = (change: ReturnType<typeof changesOf>[number]) =>
    diffChange(change)
      .filter(diff => diff.kind !== 'same' && diff.path !== '(value)')
      .map(diff => diff.path);
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
});
