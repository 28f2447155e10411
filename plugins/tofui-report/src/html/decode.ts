/**
 * The other half of encode.ts: the JSON value that `gzipJsonBase64`
 * wrote, read back with what the platform has. Used by the report page's
 * own script (viewer/main.ts) and by readReportModel (the frontend's plan
 * view, checks on rendered reports).
 */
export async function gunzipBase64Json<T>(base64: string): Promise<T> {
  const stream = new Blob([base64Bytes(base64)])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text());
}

type WithFromBase64 = { fromBase64?: (text: string) => Uint8Array };

/**
 * Base64 text as bytes: natively where the platform can (Chromium 140+,
 * Firefox 133+, Safari 18.2+), else one pass over `atob`'s string. Never a
 * callback per byte (`Uint8Array.from(binary, fn)`): for a 10,000-resource
 * report that was one 190 ms task on a 4×-slowed CPU, the page's longest.
 */
export function base64Bytes(base64: string): Uint8Array {
  const platform = Uint8Array as unknown as WithFromBase64;
  if (platform.fromBase64) return platform.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
