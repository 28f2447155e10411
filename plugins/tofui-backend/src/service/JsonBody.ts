import { hash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzipSync, gzip as gzipCallback } from 'node:zlib';

const gzipAsync = promisify(gzipCallback);

/**
 * A response body serialized and compressed once, then sent as is to every
 * client that asks for it: a cached summary costs a browser no JSON
 * serialization, no compression and no ETag hashing per request (compressing
 * 25 KB on every hit cost more than the rest of the request; sending it
 * uncompressed cost the socket write of 8 times the bytes).
 *
 * Only the gzip bytes are kept; the rare client that does not take gzip gets
 * them inflated.
 */
export class JsonBody {
  private constructor(
    /** The JSON text, gzip-compressed. */
    readonly gzip: Buffer,
    /** A weak ETag of the JSON text: the same for every replica. */
    readonly etag: string,
  ) {}

  /** The body of a JSON text (compressed off the event loop). */
  static async fromText(text: string): Promise<JsonBody> {
    const digest = hash('sha256', text, 'base64url');
    return new JsonBody(await gzipAsync(text), `W/"${digest}"`);
  }

  /** The body of a value. */
  static of(value: unknown): Promise<JsonBody> {
    return JsonBody.fromText(JSON.stringify(value));
  }

  /** The JSON text (for a client that does not accept gzip). */
  get text(): string {
    return gunzipSync(this.gzip).toString('utf8');
  }

  /** Bytes held in memory. */
  get size(): number {
    return this.gzip.byteLength + this.etag.length;
  }
}
