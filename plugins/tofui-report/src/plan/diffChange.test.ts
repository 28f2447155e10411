import { formatAttributePath } from './attributeLeaves';
import { diffChange } from './diffChange';
import { REDACTED } from './redactPlan';

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
