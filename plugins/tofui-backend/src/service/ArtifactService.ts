import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  ArtifactTooLargeError,
  type ArtifactStorage,
  reportArtifactKey,
} from '@tofui/backstage-plugin-tofui-node';
import type { RedactionOptions } from '@tofui/report';
import {
  REPORT_ARTIFACT_FILES,
  type ReportArtifactKind,
} from '@tofui/backstage-plugin-tofui-common';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StoredArtifact, StoredArtifacts } from '../database/TofuiStore';
import { HeavyWork } from '../processing/HeavyWork';
import type { PlannedChange } from '../changes/planChanges';
import type { ProcessedPlan } from '../processing/tasks';
import { makeTempDir, withTempDir } from '../processing/tempFiles';

/** An artifact as received: its bytes, whole or streamed. */
export type ArtifactUpload = Buffer | Readable;

/**
 * The most changes of a plan whose index rows are written at publish, before
 * the response, from the plan parsed for it.
 */
export const INDEX_AT_PUBLISH_MAX_CHANGES = 1000;

/**
 * The most changes of a plan whose index rows are kept from the parse at
 * publish and written after the response (their writing takes too long to
 * hold the request); a larger plan's are written by the index job, which
 * parses the stored plan again.
 */
export const INDEX_AFTER_PUBLISH_MAX_CHANGES = 20_000;

/** An artifact received into a temporary file, to store later. */
export interface ReceivedArtifact {
  file: string;
  size: number;
  /** Removes the temporary file. */
  remove(): Promise<void>;
}

/** Where a report's artifacts go. */
export interface ArtifactTarget {
  repository: string;
  folder: string;
  reportId: string;
}

function hashing(maxBytes: number, kind: ReportArtifactKind) {
  const hash = createHash('sha256');
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        callback(
          new ArtifactTooLargeError(
            `The ${kind} artifact is larger than tofui.api.maxArtifactSize (${maxBytes} bytes)`,
          ),
        );
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { transform, result: () => ({ size, sha256: hash.digest('hex') }) };
}

/**
 * `source` piped through `transform`. When the transform fails (too large,
 * storage gone) the source is drained rather than destroyed: a multipart
 * parser has to read the rest of the request before it can be answered, and
 * a destroyed part stream stalls it.
 */
function drainingPipe(source: Readable, transform: Transform): Readable {
  source.on('error', error => transform.destroy(error));
  transform.on('close', () => {
    source.unpipe(transform);
    source.resume();
  });
  return source.pipe(transform);
}

/** Errors of the upload itself (or of this server's capacity), passed on as they are. */
const CALLER_ERRORS = new Set([
  'InputError',
  'ArtifactTooLargeError',
  'MemoryBudgetExceededError',
  'ServiceUnavailableError',
]);

/** What storing an artifact tells besides where it went. */
export interface StoreResult {
  stored: StoredArtifact;
  /** The plan's analysis, when a plan was stored. */
  planSummary?: ProcessedPlan['summary'];
  /** What the (raw) plan marks sensitive, to mask in the log of the same run. */
  sensitiveValues?: string[];
  /** The plan's change index rows, when it is small enough to index at publish. */
  changes?: PlannedChange[];
}

/**
 * Report artifacts in the configured storage: stores them under the report's
 * keys with their size and sha256, redacting plans and masking logs on the
 * way (no raw plan, no unmasked log is ever stored), and serves and deletes
 * them.
 */
export class ArtifactService {
  constructor(
    private readonly storage: ArtifactStorage,
    private readonly logger: LoggerService,
    private readonly maxArtifactBytes: number,
    /** Where plans are processed and logs masked: by default on this thread. */
    private readonly heavy: HeavyWork = HeavyWork.inline(logger),
    /** `tofui.redaction`: the same second layer for plans, logs and renders. */
    readonly redaction: RedactionOptions = {},
  ) {}

  /**
   * Stores one artifact. A plan is parsed, redacted and stored as redacted
   * JSON; its analysis and sensitive values come back with it. A log is
   * stored masked: `sensitive` values (those of the run's plan) and secrets
   * of known shapes (see createLogMasker).
   */
  async store(
    target: ArtifactTarget,
    kind: ReportArtifactKind,
    upload: ArtifactUpload,
    { sensitive = [] }: { sensitive?: readonly string[] } = {},
  ): Promise<StoreResult> {
    try {
      return await this.storeOrThrow(target, kind, upload, sensitive);
    } catch (error) {
      const name = (error as Error)?.name;
      if (CALLER_ERRORS.has(name)) {
        throw error;
      }
      this.logger.error(`tofUI artifact storage failed: ${error}`);
      throw new ServiceUnavailableError(
        `Artifact storage is unavailable: ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }

  /**
   * An upload written to a temporary file as it arrives, within
   * tofui.api.maxArtifactSize (a log held until the plan to mask it with is
   * there).
   */
  async receive(
    kind: ReportArtifactKind,
    upload: ArtifactUpload,
  ): Promise<ReceivedArtifact> {
    const temp = await makeTempDir();
    try {
      const file = path.join(temp.dir, kind);
      const size = await this.toFile(upload, file, kind);
      return { file, size, remove: temp.remove };
    } catch (error) {
      await temp.remove();
      throw error;
    }
  }

  /** Writes an upload to `file` as it arrives; its size. */
  private async toFile(
    upload: ArtifactUpload,
    file: string,
    kind: ReportArtifactKind,
  ): Promise<number> {
    const { transform, result } = hashing(this.maxArtifactBytes, kind);
    const source = Buffer.isBuffer(upload) ? Readable.from([upload]) : upload;
    await pipeline(drainingPipe(source, transform), fs.createWriteStream(file));
    return result().size;
  }

  /** Streams a file into storage, hashing it on the way. */
  private async storeFile(
    key: string,
    file: string,
    contentType: string,
  ): Promise<StoredArtifact> {
    const { transform, result } = hashing(Infinity, 'plan');
    await this.storage.upload(
      key,
      fs.createReadStream(file).pipe(transform),
      contentType,
    );
    return { key, ...result(), contentType };
  }

  private async storeOrThrow(
    target: ArtifactTarget,
    kind: ReportArtifactKind,
    upload: ArtifactUpload,
    sensitive: readonly string[],
  ): Promise<StoreResult> {
    const { extension, contentType } = REPORT_ARTIFACT_FILES[kind];
    const key = reportArtifactKey({
      repository: target.repository,
      folder: target.folder,
      reportId: target.reportId,
      extension,
    });
    if (kind === 'plan' || kind === 'log') {
      // parsed, redacted, summarised or masked off the request thread, from
      // and to temporary files: the request thread never holds the text
      return withTempDir(async dir => {
        const input = path.join(dir, kind);
        const output = path.join(dir, `${kind}.out`);
        const inputBytes = await this.toFile(upload, input, kind);
        if (kind === 'log') {
          const redaction = await this.heavy.run(
            'maskLog',
            {
              input,
              output,
              sensitive: [...sensitive],
              redaction: this.redaction,
            },
            { inputBytes },
          );
          const stored = await this.storeFile(key, output, contentType);
          return {
            stored: redaction.total > 0 ? { ...stored, redaction } : stored,
          };
        }
        const processed = await this.heavy.run(
          'processPlan',
          {
            input,
            output,
            redaction: this.redaction,
            indexChangesUpTo: INDEX_AFTER_PUBLISH_MAX_CHANGES,
          },
          { inputBytes },
        );
        return {
          stored: await this.storeFile(key, output, contentType),
          planSummary: processed.summary,
          sensitiveValues: processed.sensitiveValues,
          changes: processed.changes,
        };
      });
    }
    const { transform, result } = hashing(this.maxArtifactBytes, kind);
    const source = Buffer.isBuffer(upload) ? Readable.from([upload]) : upload;
    await this.storage.upload(
      key,
      drainingPipe(source, transform),
      contentType,
    );
    return { stored: { key, ...result(), contentType } };
  }

  /** Copies a stored artifact to another key (archiving), streaming. */
  async copy(stored: StoredArtifact, key: string): Promise<StoredArtifact> {
    await this.storage.upload(
      key,
      await this.storage.download(stored.key),
      stored.contentType,
    );
    return { ...stored, key };
  }

  /** Stores a JSON document (an archive record). */
  async putJson(key: string, value: unknown): Promise<void> {
    await this.storage.upload(
      key,
      Buffer.from(JSON.stringify(value, null, 2)),
      'application/json',
    );
  }

  async open(stored: StoredArtifact): Promise<Readable> {
    return this.storage.download(stored.key);
  }

  /** Deletes artifacts, logging (not throwing) what cannot be deleted now. */
  async deleteQuietly(
    artifacts: Array<StoredArtifact | undefined>,
  ): Promise<void> {
    await Promise.all(
      artifacts
        .filter((a): a is StoredArtifact => !!a)
        .map(async artifact => {
          try {
            await this.storage.delete(artifact.key);
          } catch (error) {
            this.logger.warn(
              `tofUI could not delete artifact ${artifact.key}: ${error}`,
            );
          }
        }),
    );
  }

  /** The artifacts of `before` that `after` no longer uses. */
  static replaced(
    before: StoredArtifacts | undefined,
    after: StoredArtifacts,
  ): StoredArtifact[] {
    const kept = new Set(Object.values(after).map(a => a?.key));
    return Object.values(before ?? {}).filter(
      (a): a is StoredArtifact => !!a && !kept.has(a.key),
    );
  }
}
