import {
  BlobServiceClient,
  type ContainerClient,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { NotFoundError } from '@backstage/errors';
import type { Readable } from 'node:stream';
import { assertSafeKey } from './keys';
import { toReadable } from './streams';
import type { ArtifactContent, ArtifactStorage } from './types';

/** Blocks of 4 MB, 2 at a time: memory stays flat whatever the object size. */
const BLOCK_SIZE = 4 * 1024 * 1024;
const BLOCKS_IN_FLIGHT = 2;

/** Options of the Azure Blob Storage adapter. @public */
export interface AzureArtifactStorageOptions {
  container: string;
  /** A storage connection string (takes precedence over account name and key). */
  connectionString?: string;
  accountName?: string;
  accountKey?: string;
  /** Default `https://{accountName}.blob.core.windows.net`. */
  endpoint?: string;
  /** Per-attempt timeout; a storage that is down fails, not hangs. */
  tryTimeoutMs?: number;
}

function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number })?.statusCode === 404;
}

/**
 * Artifacts in an Azure Blob Storage container. Uploads are block blobs
 * committed at the end: readers see the old blob or the new one.
 *
 * @public
 */
export class AzureArtifactStorage implements ArtifactStorage {
  private readonly container: ContainerClient;

  constructor(options: AzureArtifactStorageOptions) {
    const pipelineOptions = {
      retryOptions: {
        maxTries: 3,
        retryDelayInMs: 200,
        maxRetryDelayInMs: 2_000,
        tryTimeoutInMs: options.tryTimeoutMs ?? 60_000,
      },
    };
    let service: BlobServiceClient;
    if (options.connectionString) {
      service = BlobServiceClient.fromConnectionString(
        options.connectionString,
        pipelineOptions,
      );
    } else {
      const endpoint =
        options.endpoint ??
        `https://${options.accountName}.blob.core.windows.net`;
      service = new BlobServiceClient(
        endpoint,
        new StorageSharedKeyCredential(
          options.accountName!,
          options.accountKey!,
        ),
        pipelineOptions,
      );
    }
    this.container = service.getContainerClient(options.container);
  }

  async upload(
    key: string,
    content: ArtifactContent,
    contentType: string,
  ): Promise<void> {
    await this.blob(key).uploadStream(
      toReadable(content),
      BLOCK_SIZE,
      BLOCKS_IN_FLIGHT,
      {
        blobHTTPHeaders: { blobContentType: contentType },
      },
    );
  }

  async download(key: string): Promise<Readable> {
    try {
      const response = await this.blob(key).download();
      return response.readableStreamBody as Readable;
    } catch (error) {
      if (isNotFound(error)) {
        throw new NotFoundError(`No artifact ${key}`);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.blob(key).deleteIfExists();
  }

  async exists(key: string): Promise<boolean> {
    return this.blob(key).exists();
  }

  async list(prefix: string): Promise<string[]> {
    if (prefix !== '') {
      assertSafeKey(prefix, { allowTrailingSlash: true });
    }
    const keys: string[] = [];
    for await (const item of this.container.listBlobsFlat({ prefix })) {
      keys.push(item.name);
    }
    return keys.sort();
  }

  async ping(): Promise<void> {
    if (!(await this.container.exists())) {
      throw new Error(
        `Azure container ${this.container.containerName} does not exist`,
      );
    }
  }

  private blob(key: string) {
    assertSafeKey(key);
    return this.container.getBlockBlobClient(key);
  }
}
