import { NotFoundError } from '@backstage/errors';
import { type Bucket, Storage } from '@google-cloud/storage';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey } from './keys';
import { toReadable } from './streams';
import type { ArtifactContent, ArtifactStorage } from './types';

/** Options of the Google Cloud Storage adapter. @public */
export interface GcsArtifactStorageOptions {
  bucket: string;
  projectId?: string;
  /** A service account key file; without it, Application Default Credentials. */
  credentialsFile?: string;
  /** Another endpoint, e.g. an emulator. */
  apiEndpoint?: string;
  timeoutMs?: number;
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: number })?.code === 404;
}

/**
 * Artifacts in a Google Cloud Storage bucket. Objects appear only when their
 * upload completes: a failed upload leaves nothing behind.
 *
 * @public
 */
export class GcsArtifactStorage implements ArtifactStorage {
  private readonly bucket: Bucket;

  constructor(options: GcsArtifactStorageOptions) {
    const storage = new Storage({
      projectId: options.projectId,
      keyFilename: options.credentialsFile,
      apiEndpoint: options.apiEndpoint,
      timeout: options.timeoutMs ?? 60_000,
      retryOptions: { autoRetry: true, maxRetries: 2, totalTimeout: 120 },
    });
    this.bucket = storage.bucket(options.bucket);
  }

  async upload(
    key: string,
    content: ArtifactContent,
    contentType: string,
  ): Promise<void> {
    await pipeline(
      toReadable(content),
      this.file(key).createWriteStream({
        contentType,
        resumable: false,
        validation: 'crc32c',
      }),
    );
  }

  async download(key: string): Promise<Readable> {
    const file = this.file(key);
    // Streams report a missing object only once read; ask first.
    const [exists] = await file.exists();
    if (!exists) {
      throw new NotFoundError(`No artifact ${key}`);
    }
    return file.createReadStream();
  }

  async delete(key: string): Promise<void> {
    try {
      await this.file(key).delete();
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
    }
  }

  async exists(key: string): Promise<boolean> {
    const [exists] = await this.file(key).exists();
    return exists;
  }

  async list(prefix: string): Promise<string[]> {
    if (prefix !== '') {
      assertSafeKey(prefix, { allowTrailingSlash: true });
    }
    const [files] = await this.bucket.getFiles({ prefix, autoPaginate: true });
    return files.map(f => f.name).sort();
  }

  async ping(): Promise<void> {
    const [exists] = await this.bucket.exists();
    if (!exists) {
      throw new Error(`GCS bucket ${this.bucket.name} does not exist`);
    }
  }

  private file(key: string) {
    assertSafeKey(key);
    return this.bucket.file(key);
  }
}
