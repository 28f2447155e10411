/**
 * gzip + base64, with what the platform has: the Compression Streams API
 * (browsers, Node 18+; native zlib underneath) and Buffer's base64 in Node,
 * btoa elsewhere. The page undoes it with DecompressionStream.
 */

/** Text handed to the compressor at once: large enough to keep it busy. */
const CHUNK_CHARS = 1 << 16;

/**
 * `gzipBase64(JSON.stringify(value))` with the same result, without ever
 * holding the whole JSON text (nor its UTF-8 copy): the arrays of `value`
 * (a report's resources) are serialised element by element into the
 * compressor.
 */
export async function gzipJsonBase64(
  value: Record<string, unknown>,
): Promise<string> {
  const compressor = new CompressionStream('gzip');
  const writer = compressor.writable.getWriter();
  const compressed = new Response(compressor.readable).arrayBuffer();
  const encoder = new TextEncoder();
  let pending = '';
  const write = async (text: string, force = false) => {
    pending += text;
    if (pending.length >= CHUNK_CHARS || (force && pending)) {
      const bytes = encoder.encode(pending);
      pending = '';
      await writer.write(bytes);
    }
  };
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    const json = Array.isArray(item) ? undefined : JSON.stringify(item);
    if (!Array.isArray(item) && json === undefined) {
      continue; // JSON.stringify leaves out undefined (and function) members
    }
    await write(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (Array.isArray(item)) {
      await write('[');
      for (let i = 0; i < item.length; i++) {
        await write(`${i ? ',' : ''}${JSON.stringify(item[i]) ?? 'null'}`);
      }
      await write(']');
    } else {
      await write(json!);
    }
  }
  await write(first ? '{}' : '}', true);
  await writer.close();
  return toBase64(new Uint8Array(await compressed));
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
