import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { randomUUID } from 'node:crypto';

const GENERATION_KEY = 'generation';
const DEFAULT_TTL_MS = 5 * 60 * 1000;

/**
 * Caches read responses (summary, lists) in the Backstage cache service —
 * memory on embedded defaults, Redis in production.
 *
 * Every write bumps a generation number that is part of every key, so one
 * cache write invalidates all cached responses on every replica, and entries
 * of old generations simply expire. A broken cache never breaks a request: it
 * is bypassed, with one warning until it works again.
 */
export class ResponseCache {
  private warned = false;

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  async getOrLoad<T>(
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const generation = await this.attempt(() => this.generation());
    if (generation === undefined) {
      return load();
    }
    const fullKey = `${generation}:${key}`;
    const hit = await this.attempt(() => this.cache.get(fullKey));
    if (hit !== undefined) {
      return hit as T;
    }
    const value = await load();
    await this.attempt(() =>
      this.cache.set(fullKey, value as JsonValue, { ttl: this.ttlMs }),
    );
    return value;
  }

  /** Invalidates every cached response. */
  async invalidate(): Promise<void> {
    await this.attempt(() =>
      this.cache.set(GENERATION_KEY, randomUUID(), { ttl: this.ttlMs * 2 }),
    );
  }

  private async generation(): Promise<string> {
    const current = await this.cache.get<string>(GENERATION_KEY);
    if (current) {
      return current;
    }
    const fresh = randomUUID();
    await this.cache.set(GENERATION_KEY, fresh, { ttl: this.ttlMs * 2 });
    return fresh;
  }

  private async attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await fn();
      if (this.warned) {
        this.warned = false;
        this.logger.info('tofUI response cache is reachable again');
      }
      return result;
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(
          `tofUI response cache unavailable, serving uncached: ${error}`,
        );
      }
      return undefined;
    }
  }
}
