/*
 * gzip in independent blocks compressed at once on Node's thread pool, the
 * way pigz does it: one compressor thread was the pace of rendering a large
 * report (the JSON is serialised three times faster than zlib compresses
 * it), and a machine has more than one core.
 */

import { nextTask } from './nextTask';

/** What this file uses of `node:zlib`. */
export interface BlockZlib {
  deflateRaw(
    data: Uint8Array,
    options: { level: number; finishFlush: number; dictionary?: Uint8Array },
    callback: (error: Error | null, result: Uint8Array) => void,
  ): void;
  crc32(data: Uint8Array, value?: number): number;
  constants: { Z_FINISH: number; Z_FULL_FLUSH: number };
}

/**
 * Node's zlib where the platform offers it without an import
 * (`process.getBuiltinModule`, Node 20.16+ and 22.3+, with `crc32`): the
 * engine also runs in browsers, where bundlers must not see `node:zlib`.
 */
export function nodeZlib(): BlockZlib | undefined {
  const { process } = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
  };
  const zlib = process?.getBuiltinModule?.('node:zlib') as
    | Partial<BlockZlib>
    | undefined;
  return typeof zlib?.crc32 === 'function' && zlib.deflateRaw
    ? (zlib as BlockZlib)
    : undefined;
}

/** Input bytes per block: enough blocks to keep the thread pool busy. */
const BLOCK_BYTES = 512 * 1024;
/** deflate's window: each block starts from the previous one's last 32 KiB. */
const WINDOW_BYTES = 32 * 1024;
const GZIP_HEADER = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * One gzip member of the pieces' UTF-8 text. Each block is raw deflate
 * primed with the text before it (so the output is as small as one
 * stream's) and ends on a byte boundary without the final bit (a full
 * flush), the last one with it: together they are one deflate stream,
 * framed with gzip's header and the text's CRC-32 and length.
 */
export async function gzipInBlocks(
  zlib: BlockZlib,
  pieces: Iterable<string>,
): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const blocks: Promise<Uint8Array>[] = [];
  let crc = 0;
  let length = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let previous: Uint8Array | undefined;
  const compress = (last: boolean) => {
    const block = concat(pending);
    pending = [];
    pendingBytes = 0;
    crc = zlib.crc32(block, crc);
    length += block.length;
    const dictionary = previous?.subarray(-WINDOW_BYTES);
    previous = block;
    const compressed = new Promise<Uint8Array>((resolve, reject) =>
      zlib.deflateRaw(
        block,
        {
          level: 6, // zlib's default, as the Compression Streams API uses
          finishFlush: last
            ? zlib.constants.Z_FINISH
            : zlib.constants.Z_FULL_FLUSH,
          ...(dictionary && { dictionary }),
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
    // a failure surfaces at Promise.all below, not as an unhandled
    // rejection while later blocks are still being serialised
    compressed.catch(() => {});
    blocks.push(compressed);
  };
  for (const piece of pieces) {
    const bytes = encoder.encode(piece);
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= BLOCK_BYTES) {
      compress(false);
      // let the pool's finished blocks and other work through
      await nextTask();
    }
  }
  compress(true);
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc >>> 0, true);
  // ISIZE: the length modulo 2^32, as gzip defines it
  view.setUint32(4, length >>> 0, true);
  return concat([
    Uint8Array.from(GZIP_HEADER),
    ...(await Promise.all(blocks)),
    trailer,
  ]);
}
