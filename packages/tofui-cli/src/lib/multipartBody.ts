import { randomBytes } from 'node:crypto';

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; blob: Blob; filename: string };

/**
 * Encodes `multipart/form-data` (RFC 7578) as one Blob, rather than letting
 * fetch encode a FormData: the Blob knows its exact size (for the progress
 * display and Content-Length) and can be streamed again for a retry.
 * File-backed parts (`fs.openAsBlob`) stay on disk; the Blob only refers to
 * them.
 */
export function encodeMultipart(parts: MultipartPart[]): {
  body: Blob;
  contentType: string;
} {
  const boundary = `----tofui-${randomBytes(16).toString('hex')}`;
  const chunks: Array<string | Blob> = [];
  for (const part of parts) {
    let disposition = `form-data; name="${escapeQuoted(part.name)}"`;
    if ('blob' in part) {
      disposition += `; filename="${escapeQuoted(part.filename)}"`;
    }
    chunks.push(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`);
    if ('blob' in part) {
      chunks.push(
        `Content-Type: ${part.blob.type || 'application/octet-stream'}\r\n\r\n`,
        part.blob,
        '\r\n',
      );
    } else {
      // as browsers do, field values use CRLF line breaks
      chunks.push(`\r\n${part.value.replace(/\r?\n|\r/g, '\r\n')}\r\n`);
    }
  }
  chunks.push(`--${boundary}--\r\n`);
  return {
    body: new Blob(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Names and filenames escaped as the HTML form encoding does. */
function escapeQuoted(value: string): string {
  return value.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}
