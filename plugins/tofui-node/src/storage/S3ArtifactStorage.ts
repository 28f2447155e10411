import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { NotFoundError } from '@backstage/errors';
import type { Readable } from 'node:stream';
import { assertSafeKey } from './keys';
import { toReadable } from './streams';
import type { ArtifactContent, ArtifactStorage } from './types';

/** Objects larger than a part go up in 5 MB parts (S3's minimum), 2 at a time. */
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/** Options of the S3 (and S3-compatible, e.g. MinIO) adapter. @public */
export interface S3ArtifactStorageOptions {
  bucket: string;
  region?: string;
  /** An S3-compatible endpoint (MinIO, Ceph, …). */
  endpoint?: string;
  forcePathStyle?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Server-side encryption, e.g. `AES256` or `aws:kms`. */
  sse?: string;
  /** Object key prefix inside the bucket (no leading or trailing `/`). */
  prefix?: string;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.name === 'NoSuchKey' ||
    e?.name === 'NotFound' ||
    e?.$metadata?.httpStatusCode === 404
  );
}

/**
 * Artifacts in an S3 bucket. Large uploads are streamed as multipart uploads,
 * which S3 makes visible only when complete: a failed upload leaves nothing
 * behind. Without explicit keys, the AWS default credential chain is used
 * (environment, instance or pod role).
 *
 * @public
 */
export class S3ArtifactStorage implements ArtifactStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly sse?: ServerSideEncryption;

  constructor(options: S3ArtifactStorageOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix
      ? `${options.prefix.replace(/^\/+|\/+$/g, '')}/`
      : '';
    this.sse = options.sse as ServerSideEncryption | undefined;
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? {
              accessKeyId: options.accessKeyId,
              secretAccessKey: options.secretAccessKey,
            }
          : undefined,
      maxAttempts: 3,
      // A storage that is down must fail a request, not hang it.
      requestHandler: {
        connectionTimeout: options.connectionTimeoutMs ?? 5_000,
        requestTimeout: options.requestTimeoutMs ?? 60_000,
      },
      // Checksums only where S3 requires them: S3-compatible servers differ
      // in their support for the newer default checksum trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async upload(
    key: string,
    content: ArtifactContent,
    contentType: string,
  ): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: toReadable(content),
        ContentType: contentType,
        ServerSideEncryption: this.sse,
      },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async download(key: string): Promise<Readable> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      return result.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) {
        throw new NotFoundError(`No artifact ${key}`);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
      }),
    );
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
        }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) {
        return false;
      }
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    if (prefix !== '') {
      assertSafeKey(prefix, { allowTrailingSlash: true });
    }
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) {
          keys.push(object.Key.slice(this.prefix.length));
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  private objectKey(key: string): string {
    assertSafeKey(key);
    return this.prefix + key;
  }
}
