import { compareChanges } from './compareChanges';

const change = (
  address: string,
  action: 'update' | 'delete',
  attributes: string[],
) => ({
  id: address,
  address,
  action,
  attributes,
});

describe('compareChanges', () => {
  it('keys plans by address: added, removed, action or attributes changed, unchanged as sets', () => {
    const result = compareChanges(
      [
        change('a', 'update', ['x', 'y']),
        change('b', 'update', ['x']),
        change('c', 'update', ['x']),
        change('d', 'update', ['x']),
        change('gone', 'delete', []),
      ],
      [
        change('a', 'update', ['y', 'x']),
        change('b', 'update', ['x', 'z']),
        change('c', 'delete', []),
        change('d', 'update', ['x']),
        change('new', 'update', ['x']),
      ],
    );
    expect(result).toEqual({
      // the compared changes themselves, whatever else they carry
      added: [change('new', 'update', ['x'])],
      removed: [change('gone', 'delete', [])],
      actionChanged: [{ address: 'c', base: 'update', head: 'delete' }],
      attributesChanged: [
        { address: 'b', action: 'update', added: ['z'], removed: [] },
      ],
      unchangedCount: 2,
    });
  });
});
