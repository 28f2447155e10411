/**
 * @jest-environment node
 */
import zlib from 'node:zlib';
import { gzipInBlocks, nodeZlib } from './gzipInBlocks';

async function gunzipWithStream(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/** ~3 MB of JSON-like text in 64 KiB pieces: six blocks, multibyte text. */
function largePieces(): string[] {
  const rows = Array.from(
    { length: 30_000 },
    (_, i) =>
      `["module.stack_${i % 7}.aws_instance.r${i}","é€😀 ${i * 7919}",${i}]`,
  );
  const pieces: string[] = [];
  for (let i = 0; i < rows.length; i += 700) {
    pieces.push(rows.slice(i, i + 700).join(','));
  }
  return pieces;
}

describe('gzipInBlocks', () => {
  const platform = nodeZlib()!;

  it('is available in Node', () => {
    expect(platform).toBeDefined();
  });

  it.each([
    ['no text', ['']],
    ['a short text', ['{"a":', '1}']],
    ['text of several blocks', largePieces()],
  ])(
    'writes one gzip member of %s that zlib and DecompressionStream read',
    async (_name, pieces) => {
      const text = pieces.join('');
      const gzip = await gzipInBlocks(platform, pieces);
      // gunzipSync checks the CRC-32 and length of the trailer
      expect(zlib.gunzipSync(gzip).toString('utf8')).toBe(text);
      expect(await gunzipWithStream(gzip)).toBe(text);
    },
  );

  it('compresses as well as one stream: each block starts from the text before it', async () => {
    // 16 KiB that compress only by reference to an earlier copy, repeated
    // across ~3 MB: a block that did not see the text before it would
    // store its first copy again
    let seed = 1;
    const noise = Array.from({ length: 16 * 1024 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(0x30 + (seed % 75));
    }).join('');
    const pieces = Array.from({ length: 190 }, () => noise);
    const single = zlib.gzipSync(pieces.join('')).length;
    const blocks = (await gzipInBlocks(platform, pieces)).length;
    expect(blocks).toBeLessThan(single * 1.1);
  });
});
