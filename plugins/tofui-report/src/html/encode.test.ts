/**
 * @jest-environment node
 */
import { gzipJsonBase64 } from './encode';

async function gunzipBase64(data: string): Promise<string> {
  const stream = new Blob([Buffer.from(data, 'base64')])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

describe('gzipJsonBase64', () => {
  it.each([
    ['an empty object', {}],
    ['members JSON.stringify leaves out', { a: undefined, b: 1, f: () => 1 }],
    [
      'arrays of every kind of element, large enough for several chunks',
      {
        v: 1,
        rows: Array.from({ length: 20_000 }, (_, i) => [
          `aws_instance.r${i}`,
          i % 3 ? { tag: 'é€😀', n: i } : null,
          undefined,
        ]),
        empty: [],
        holes: [undefined, () => 1, 'x'],
        nested: { list: [1, { deep: ['a'] }] },
        text: 'line\n"quoted"\u2028',
      },
    ],
  ])('encodes %s exactly as JSON.stringify does', async (_name, value) => {
    expect(await gunzipBase64(await gzipJsonBase64(value))).toBe(
      JSON.stringify(value),
    );
  });

  it('encodes the same without Node’s zlib, as in a browser', async () => {
    const value = {
      rows: Array.from({ length: 20_000 }, (_, i) => [`r${i}`, 'é€😀', i]),
    };
    const withZlib = await gzipJsonBase64(value);
    const { getBuiltinModule } = process;
    // what decides between Node's zlib and the Compression Streams API
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    let withStreams: string;
    try {
      withStreams = await gzipJsonBase64(value);
    } finally {
      process.getBuiltinModule = getBuiltinModule;
    }
    expect(withStreams).not.toBe(withZlib); // the other compressor ran
    expect(await gunzipBase64(withStreams)).toBe(JSON.stringify(value));
    expect(await gunzipBase64(withZlib)).toBe(JSON.stringify(value));
  });
});
