import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';

const GENERATION_KEY = 'generation';
const DEFAULT_TTL_MS = 5 * 60 * 1000;

/** A response body, already serialized as JSON. */
export type JsonBody = string & { readonly __json: unique symbol };

/**
 * Caches read responses (summary, lists) in the Backstage cache service —
 * memory on embedded defaults, Redis in production.
 *
 * Responses are cached as their JSON text and sent as is: parsing a cached
 * object back (the cache store's deserializer walks every value) costs more
 * than the database query it saves.
 *
 * Every write bumps a generation number that is part of every key, so one
 * cache write invalidates all cached responses on every replica, and entries
 * of old generations simply expire. A broken cache never breaks a request: it
 * is bypassed, with one warning until it works again.
 */
export class ResponseCache {
  private warned = false;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  /** The JSON text of a response, from the cache or from `load`. */
  async getOrLoad(
    key: string,
    load: () => Promise<unknown>,
  ): Promise<JsonBody> {
    const generation = await this.attempt(() => this.generation());
    if (generation === undefined) {
      return JSON.stringify(await load()) as JsonBody;
    }
    const fullKey = `${generation}:${key}`;
    const hit = await this.attempt(() => this.cache.get<string>(fullKey));
    if (typeof hit === 'string') {
      return hit as JsonBody;
    }
    const body = JSON.stringify(await load()) as JsonBody;
    await this.attempt(() =>
      this.cache.set(fullKey, body, { ttl: this.ttlMs }),
    );
    return body;
  }

  /**
   * Invalidates every cached response: called on every write, so listeners
   * (live updates of open pages) learn from here that the data changed.
   */
  async invalidate(): Promise<void> {
    await this.attempt(() =>
      this.cache.set(GENERATION_KEY, randomUUID(), { ttl: this.ttlMs * 2 }),
    );
    this.listeners.forEach(listener => listener());
  }

  /** Calls `listener` after every invalidation. */
  onInvalidate(listener: () => void): void {
    this.listeners.push(listener);
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
