import { jsonChunks } from './jsonChunks';

describe('jsonChunks', () => {
  const value = {
    v: 1,
    skipped: undefined,
    fn: () => 1,
    rows: Array.from({ length: 5_000 }, (_, i) => [
      `aws_instance.r${i}`,
      i % 3 ? { tag: 'é€😀', n: i, gone: undefined } : null,
      undefined,
      () => 1,
    ]),
    empty: [],
    emptyObject: {},
    nested: { list: [1, { deep: ['a', { deeper: [true] }] }] },
    when: new Date(0),
    text: 'line\n"quoted"\u2028',
  };

  it.each([0, 1, 2, 4, 10])(
    'joins to exactly what JSON.stringify writes (depth %i)',
    depth => {
      expect([...jsonChunks(value, { depth, size: 1000 })].join('')).toBe(
        JSON.stringify(value),
      );
    },
  );

  it('hands out pieces of about the size asked, never the whole text', () => {
    const pieces = [...jsonChunks(value, { depth: 2, size: 4096 })];
    expect(pieces.length).toBeGreaterThan(20);
    expect(Math.max(...pieces.map(p => p.length))).toBeLessThan(4096 + 200);
  });
});
