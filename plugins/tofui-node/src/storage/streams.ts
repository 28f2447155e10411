import { Readable } from 'node:stream';
import type { ArtifactContent } from './types';

/** Any upload content as a stream. */
export function toReadable(content: ArtifactContent): Readable {
  return content instanceof Readable
    ? content
    : Readable.from([Buffer.from(content)]);
}

/** Whole content as a buffer (only for adapters that store small objects). */
export async function toBuffer(content: ArtifactContent): Promise<Buffer> {
  if (!(content instanceof Readable)) {
    return Buffer.from(content);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of content) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
