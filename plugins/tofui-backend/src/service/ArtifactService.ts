import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  ArtifactTooLargeError,
  type ArtifactStorage,
  reportArtifactKey,
} from '@tofui/backstage-plugin-tofui-node';
import {
  createLogMasker,
  parsePlan,
  type PlanSummary as EnginePlanSummary,
  type RedactionOptions,
  redactPlan,
  sensitiveValues,
  summarizePlan,
} from '@tofui/report';
import {
  REPORT_ARTIFACT_FILES,
  type ReportArtifactKind,
} from '@tofui/backstage-plugin-tofui-common';
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { StoredArtifact, StoredArtifacts } from '../database/TofuiStore';

/** An artifact as received: its bytes, whole or streamed. */
export type ArtifactUpload = Buffer | Readable;

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

async function readAll(
  upload: ArtifactUpload,
  maxBytes: number,
  kind: ReportArtifactKind,
) {
  if (Buffer.isBuffer(upload)) {
    if (upload.length > maxBytes) {
      throw new ArtifactTooLargeError(
        `The ${kind} artifact is larger than tofui.api.maxArtifactSize (${maxBytes} bytes)`,
      );
    }
    return upload;
  }
  const chunks: Buffer[] = [];
  const { transform } = hashing(maxBytes, kind);
  for await (const chunk of drainingPipe(upload, transform)) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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

/** The API's plan summary from the engine's. */
function toApiSummary(summary: EnginePlanSummary) {
  const {
    replaceDeleteFirst: _d,
    replaceCreateFirst: _c,
    noop: _n,
    ...rest
  } = summary;
  return rest;
}

/** What storing an artifact tells besides where it went. */
export interface StoreResult {
  stored: StoredArtifact;
  /** The plan's analysis, when a plan was stored. */
  planSummary?: ReturnType<typeof toApiSummary>;
  /** What the (raw) plan marks sensitive, to mask in the log of the same run. */
  sensitiveValues?: string[];
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
      if (name === 'InputError' || name === 'ArtifactTooLargeError') {
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

  /** The whole of an upload, within tofui.api.maxArtifactSize. */
  async receive(
    kind: ReportArtifactKind,
    upload: ArtifactUpload,
  ): Promise<Buffer> {
    return readAll(upload, this.maxArtifactBytes, kind);
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
    if (kind === 'plan') {
      const raw = await readAll(upload, this.maxArtifactBytes, kind);
      let plan;
      try {
        plan = parsePlan(raw.toString('utf8')).plan;
      } catch (error) {
        throw new InputError(
          `The plan artifact is not a readable plan: ${
            (error as Error).message
          }`,
        );
      }
      return {
        stored: await this.uploadWhole(
          key,
          Buffer.from(
            JSON.stringify(redactPlan(plan, { redaction: this.redaction })),
          ),
          contentType,
        ),
        planSummary: toApiSummary(summarizePlan(plan)),
        sensitiveValues: sensitiveValues(plan),
      };
    }
    if (kind === 'log') {
      const raw = await readAll(upload, this.maxArtifactBytes, kind);
      // a log is text: bytes that are not UTF-8 are stored as U+FFFD
      const masked = createLogMasker(sensitive, {
        redaction: this.redaction,
      })(raw.toString('utf8'));
      return {
        stored: await this.uploadWhole(key, Buffer.from(masked), contentType),
      };
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

  private async uploadWhole(
    key: string,
    content: Buffer,
    contentType: string,
  ): Promise<StoredArtifact> {
    await this.storage.upload(key, content, contentType);
    return {
      key,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      contentType,
    };
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
