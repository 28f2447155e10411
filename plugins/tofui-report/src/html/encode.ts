import { jsonChunks } from '../jsonChunks';
import { gzipInBlocks, nodeZlib } from './gzipInBlocks';
import { nextTask } from './nextTask';

/**
 * gzip + base64, with what the platform has: in Node, zlib on its thread
 * pool in parallel blocks (gzipInBlocks); elsewhere the Compression Streams
 * API. The page undoes it with DecompressionStream (decode.ts).
 */

/**
 * `gzipBase64(JSON.stringify(value))` with the same result, without ever
 * holding the whole JSON text (nor its UTF-8 copy): it goes into the
 * compressor in pieces (jsonChunks), a report's rows one by one.
 */
export async function gzipJsonBase64(value: object): Promise<string> {
  const pieces = jsonChunks(value, { depth: 2, size: 1 << 18 });
  const zlib = nodeZlib();
  return toBase64(
    zlib ? await gzipInBlocks(zlib, pieces) : await gzipStream(pieces),
  );
}

/** One gzip stream through the Compression Streams API. */
async function gzipStream(pieces: Iterable<string>): Promise<Uint8Array> {
  const compressor = new CompressionStream('gzip');
  const writer = compressor.writable.getWriter();
  const compressed = new Response(compressor.readable).arrayBuffer();
  const encoder = new TextEncoder();
  // The compressor works on its own thread, but only while this one hands it
  // the next piece and takes its output, which needs a turn of the event
  // loop: so a piece is written without waiting for it to be compressed,
  // and the loop gets a turn before the next piece is serialised: the two
  // then overlap. `ready` holds at most one piece waiting. Pieces of 256
  // KiB: each write is a round through the stream's promises.
  for (const piece of pieces) {
    await writer.ready;
    writer.write(encoder.encode(piece)).catch(() => {
      // the same error rejects close() below, which is awaited
    });
    await nextTask();
  }
  await writer.close();
  return new Uint8Array(await compressed);
}

function toBase64(bytes: Uint8Array): string {
  const NodeBuffer = (
    globalThis as {
      Buffer?: { from(b: Uint8Array): { toString(e: string): string } };
    }
  ).Buffer;
  if (NodeBuffer) {
    return NodeBuffer.from(bytes).toString('base64');
  }
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
