/**
 * gzip + base64, with what the platform has: the Compression Streams API
 * (browsers, Node 18+; native zlib underneath) and Buffer's base64 in Node,
 * btoa elsewhere. The page undoes it with DecompressionStream.
 */
export async function gzipBase64(text: string): Promise<string> {
  const stream = new Blob([text])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return toBase64(bytes);
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
