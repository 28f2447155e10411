import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { withTimeout } from './withTimeout';

const GENERATION_KEY = 'generation';
const DEFAULT_TTL_MS = 5 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 250;
const DEFAULT_RETRY_INTERVAL_MS = 5000;

/** A response body, already serialized as JSON. */
export type JsonBody = string & { readonly __json: unique symbol };

/** Counts lookups; a lookup that skipped an unavailable cache is a miss. */
export interface CacheMetrics {
  cacheLookup(hit: boolean): void;
}

export interface ResponseCacheOptions {
  /** Time to live of cached responses. Default: 5 minutes. */
  ttlMs?: number;
  /** Longest wait for one cache operation. Default: 250 ms. */
  timeoutMs?: number;
  /** While the cache is unavailable, how often it is tried again. Default: 5 s. */
  retryIntervalMs?: number;
  metrics?: CacheMetrics;
}

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
 * of old generations simply expire.
 *
 * A broken cache never breaks a request. Backstage's Redis store neither
 * fails nor answers while Redis is down (its client queues commands until it
 * reconnects) and turns some errors into misses, so every operation has a
 * deadline and a bump is read back. Once an operation fails the cache is
 * skipped, with one warning, and tried again every `retryIntervalMs`. It is
 * used again only after a new generation was written: writes made meanwhile
 * could not invalidate what it still holds.
 */
export class ResponseCache {
  private readonly listeners: Array<() => void> = [];
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly retryIntervalMs: number;
  private readonly probeKey = `health-probe:${randomUUID()}`;
  /** Set while the cache is unavailable: when to try it again. */
  private retryAt: number | undefined;
  private recovering: Promise<boolean> | undefined;

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly options: ResponseCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryIntervalMs = options.retryIntervalMs ?? DEFAULT_RETRY_INTERVAL_MS;
  }

  /** The JSON text of a response, from the cache or from `load`. */
  async getOrLoad(
    key: string,
    load: () => Promise<unknown>,
  ): Promise<JsonBody> {
    const generation = await this.attempt(() => this.generation());
    if (generation === undefined) {
      this.options.metrics?.cacheLookup(false);
      return JSON.stringify(await load()) as JsonBody;
    }
    const fullKey = `${generation}:${key}`;
    const hit = await this.attempt(() => this.cache.get<string>(fullKey));
    this.options.metrics?.cacheLookup(typeof hit === 'string');
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
    await this.attempt(() => this.bump());
    this.listeners.forEach(listener => listener());
  }

  /** Calls `listener` after every invalidation. */
  onInvalidate(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Whether the cache answers now (for health checks): a write and a read
   * within the timeout. While it is unavailable this is the retry, so a
   * readiness probe also brings it back into use.
   */
  async ping(): Promise<boolean> {
    if (this.retryAt !== undefined) {
      return this.recover();
    }
    const token = randomUUID();
    try {
      await withTimeout(
        (async () => {
          await this.cache.set(this.probeKey, token, { ttl: 60_000 });
          if ((await this.cache.get(this.probeKey)) !== token) {
            throw new Error('the cache did not keep a value just written');
          }
        })(),
        this.timeoutMs,
        'The response cache',
      );
      return true;
    } catch (error) {
      this.markUnavailable(error);
      return false;
    }
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

  /**
   * Writes a new generation and reads it back: the Redis store reports a
   * failed write as success, and an invalidation that did not happen would
   * leave stale responses for the whole TTL.
   */
  private async bump(): Promise<void> {
    await this.cache.set(GENERATION_KEY, randomUUID(), {
      ttl: this.ttlMs * 2,
    });
    // Another replica may have bumped it again meanwhile: any value will do.
    if ((await this.cache.get(GENERATION_KEY)) === undefined) {
      throw new Error('the cache did not keep a value just written');
    }
  }

  /** `fn` within the timeout, or undefined when the cache is unavailable. */
  private async attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (this.retryAt !== undefined && !(await this.retryNow())) {
      return undefined;
    }
    try {
      return await withTimeout(fn(), this.timeoutMs, 'The response cache');
    } catch (error) {
      this.markUnavailable(error);
      return undefined;
    }
  }

  /** Requests never wait for a retry another one started. */
  private async retryNow(): Promise<boolean> {
    if (this.recovering || Date.now() < this.retryAt!) {
      return false;
    }
    return this.recover();
  }

  private recover(): Promise<boolean> {
    this.recovering ??= (async () => {
      try {
        await withTimeout(this.bump(), this.timeoutMs, 'The response cache');
        this.retryAt = undefined;
        this.logger.info(
          'tofUI response cache is reachable again; responses cached before were invalidated',
        );
        return true;
      } catch {
        this.retryAt = Date.now() + this.retryIntervalMs;
        return false;
      } finally {
        this.recovering = undefined;
      }
    })();
    return this.recovering;
  }

  private markUnavailable(error: unknown): void {
    if (this.retryAt === undefined) {
      this.logger.warn(
        `tofUI response cache unavailable, serving uncached responses and retrying every ${this.retryIntervalMs} ms: ${error}`,
      );
    }
    this.retryAt = Date.now() + this.retryIntervalMs;
  }
}
