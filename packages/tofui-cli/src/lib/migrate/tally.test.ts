import { Tally } from './tally';

describe('Tally', () => {
  it('renders a table of outcomes, then each failure with its reason', () => {
    const tally = new Tally();
    tally.add('reports', 'imported', 3);
    tally.add('reports', 'skipped');
    tally.fail('repositories', 'acme/net', '403 may not');
    expect(tally.render(false)).toEqual([
      '              imported  skipped  failed',
      'status types         0        0       0',
      'repositories         0        0       1',
      'folders              0        0       0',
      'reports              3        1       0',
      'artifacts            0        0       0',
      '',
      'Failures:',
      '  repositories acme/net: 403 may not',
    ]);
    expect(tally.render(true)[0]).toBe(
      '              would import  would skip  would fail',
    );
  });
});
