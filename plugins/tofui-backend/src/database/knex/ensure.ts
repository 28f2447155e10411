import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

/** Lower-case `owner/name`: GitHub and GitLab names are case-insensitive. */
export function repositorySlug(repository: string): string {
  return repository.toLowerCase();
}

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/** Runs `fn` in the caller's transaction, or in a new one. */
export function inTransaction<T>(
  db: Knex,
  fn: (tx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db as Knex.Transaction) : db.transaction(fn);
}

const MAX_CACHED_IDS = 100_000;

/**
 * Ids of repositories and folders by name. They never change once created,
 * so every publish after the first skips these lookups; a database round trip
 * is the largest cost of a publish.
 */
export class IdCache {
  private readonly ids = new Map<string, string>();

  get(key: string): string | undefined {
    return this.ids.get(key);
  }

  set(key: string, id: string): void {
    if (this.ids.size >= MAX_CACHED_IDS) {
      this.ids.clear();
    }
    this.ids.set(key, id);
  }

  /** Forgets everything (after deletes). */
  clear(): void {
    this.ids.clear();
  }
}

/**
 * The id of a repository, created when missing. Concurrent creators of the
 * same repository all get the one row (insert-or-ignore, then read).
 */
export async function ensureRepository(
  db: Knex,
  repository: string,
  now: Date,
): Promise<string> {
  const slug = repositorySlug(repository);
  let row = await db('repositories').where({ slug }).first('id');
  if (!row) {
    const [owner, name] = repository.split('/');
    await db('repositories')
      .insert({
        id: randomUUID(),
        slug,
        owner,
        name,
        created_at: now,
        updated_at: now,
      })
      .onConflict('slug')
      .ignore();
    row = await db('repositories').where({ slug }).first('id');
  }
  return row.id;
}

/** The id of a folder of a repository, created when missing. */
export async function ensureFolder(
  db: Knex,
  repositoryId: string,
  name: string,
  now: Date,
): Promise<string> {
  const where = { repository_id: repositoryId, name };
  let row = await db('folders').where(where).first('id');
  if (!row) {
    await db('folders')
      .insert({ id: randomUUID(), ...where, created_at: now })
      .onConflict(['repository_id', 'name'])
      .ignore();
    row = await db('folders').where(where).first('id');
  }
  return row.id;
}
