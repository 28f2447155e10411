import type { Readable } from 'node:stream';

/** What can be uploaded: a whole buffer or string, or a stream. @public */
export type ArtifactContent = Buffer | Uint8Array | string | Readable;

/**
 * Where report artifacts (HTML reports, redacted plan JSON, logs) live.
 * Keys are `/`-separated paths built with `reportArtifactKey()`; every
 * adapter refuses keys that could leave its root (InputError).
 *
 * @public
 */
export interface ArtifactStorage {
  /** Stores content under key, replacing what was there. Never leaves a half-written object. */
  upload(
    key: string,
    content: ArtifactContent,
    contentType: string,
  ): Promise<void>;
  /** Streams an object; throws NotFoundError from `@backstage/errors` when it is missing. */
  download(key: string): Promise<Readable>;
  /** Deletes an object; deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix (a folder-like `a/b/` or any key start), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Throws when the storage cannot be reached (for health checks). */
  ping(): Promise<void>;
}

/** Builds a storage from its config section (`tofui.storage.<backend>`). @public */
export type ArtifactStorageFactory = (options: {
  /** `tofui.storage.<backend>`, possibly empty. */
  config: import('@backstage/config').Config;
  /** The plugin database, for adapters that keep artifacts there. */
  getDatabase(): Promise<import('knex').Knex>;
}) => Promise<ArtifactStorage> | ArtifactStorage;
