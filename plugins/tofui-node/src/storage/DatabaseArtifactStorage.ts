import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { ArtifactTooLargeError } from './errors';
import { assertSafeKey } from './keys';
import { toReadable } from './streams';
import type { ArtifactContent, ArtifactStorage } from './types';

const CHUNK_SIZE = 1024 * 1024;
const MIGRATIONS_TABLE = 'tofui_storage_migrations';

/**
 * Artifacts in the plugin's own database (SQLite or Postgres), for small
 * installations without object storage. Objects are written in 1 MB chunks
 * inside one transaction (all or nothing) and read chunk by chunk; `maxSizeMb`
 * caps their size.
 *
 * @public
 */
export class DatabaseArtifactStorage implements ArtifactStorage {
  /** Creates the storage, bringing its tables up to date. */
  static async create(options: { knex: Knex; maxSizeMb?: number }) {
    await options.knex.migrate.latest({
      directory: resolvePackagePath(
        '@tofui/backstage-plugin-tofui-node',
        'migrations',
      ),
      tableName: MIGRATIONS_TABLE,
    });
    return new DatabaseArtifactStorage(options.knex, options.maxSizeMb ?? 10);
  }

  private constructor(
    private readonly db: Knex,
    private readonly maxSizeMb: number,
  ) {}

  async upload(
    key: string,
    content: ArtifactContent,
    contentType: string,
  ): Promise<void> {
    assertSafeKey(key);
    const maxBytes = this.maxSizeMb * 1024 * 1024;
    await this.db.transaction(async tx => {
      const id = randomUUID();
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async (final: boolean) => {
        while (pendingBytes >= CHUNK_SIZE || (final && pendingBytes > 0)) {
          const all = Buffer.concat(pending);
          const data = all.subarray(0, CHUNK_SIZE);
          const rest = all.subarray(data.length);
          pending = rest.length > 0 ? [rest] : [];
          pendingBytes = rest.length;
          await tx('tofui_artifact_chunks').insert({
            artifact_id: id,
            seq: seq++,
            data,
          });
        }
      };
      for await (const chunk of toReadable(content)) {
        const buffer = Buffer.from(chunk);
        size += buffer.length;
        if (size > maxBytes) {
          throw new ArtifactTooLargeError(
            `Artifact ${key} is larger than tofui.storage.database.maxSizeMb (${this.maxSizeMb} MB)`,
          );
        }
        pending.push(buffer);
        pendingBytes += buffer.length;
        await flush(false);
      }
      await flush(true);
      const previous = await tx('tofui_artifacts').where({ key }).first('id');
      if (previous) {
        await tx('tofui_artifact_chunks')
          .where({ artifact_id: previous.id })
          .delete();
        await tx('tofui_artifacts').where({ key }).delete();
      }
      await tx('tofui_artifacts').insert({
        key,
        id,
        content_type: contentType,
        size,
        chunks: seq,
        updated_at: new Date(),
      });
    });
  }

  async download(key: string): Promise<Readable> {
    assertSafeKey(key);
    const row = await this.db('tofui_artifacts')
      .where({ key })
      .first('id', 'chunks');
    if (!row) {
      throw new NotFoundError(`No artifact ${key}`);
    }
    const db = this.db;
    return Readable.from(
      (async function* chunks() {
        for (let seq = 0; seq < Number(row.chunks); seq++) {
          const chunk = await db('tofui_artifact_chunks')
            .where({ artifact_id: row.id, seq })
            .first('data');
          if (!chunk) {
            throw new NotFoundError(
              `Artifact ${key} was replaced or deleted while being read`,
            );
          }
          // pg and better-sqlite3 return a Buffer already: no copy
          yield Buffer.isBuffer(chunk.data) ? chunk.data : Buffer.from(chunk.data);
        }
      })(),
      // Read ahead one chunk, not Readable.from's default 16 (16 MB).
      { highWaterMark: 1 },
    );
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    await this.db.transaction(async tx => {
      const row = await tx('tofui_artifacts').where({ key }).first('id');
      if (row) {
        await tx('tofui_artifact_chunks')
          .where({ artifact_id: row.id })
          .delete();
        await tx('tofui_artifacts').where({ key }).delete();
      }
    });
  }

  async exists(key: string): Promise<boolean> {
    assertSafeKey(key);
    return !!(await this.db('tofui_artifacts').where({ key }).first('key'));
  }

  async list(prefix: string): Promise<string[]> {
    if (prefix !== '') {
      assertSafeKey(prefix, { allowTrailingSlash: true });
    }
    // substr, not LIKE: keys are case-sensitive, SQLite's LIKE is not.
    const rows = await this.db('tofui_artifacts')
      .whereRaw('substr(key, 1, ?) = ?', [[...prefix].length, prefix])
      .select('key');
    return rows.map(r => r.key as string).sort();
  }

  async ping(): Promise<void> {
    await this.db('tofui_artifacts').first('key');
  }
}
