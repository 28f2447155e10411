import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { TofuiEvents } from '../events/TofuiEvents';
import { withTimeout } from '@tofui/backstage-plugin-tofui-common';
import { JsonBody } from './JsonBody';

/** Changes on every write that can affect any response. */
const GLOBAL_GENERATION = 'generation';
/** Changes when any repository's reports change (at most once per interval). */
const FLEET_GENERATION = 'generation:fleet';
const DEFAULT_TTL_MS = 5 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 250;
const DEFAULT_RETRY_INTERVAL_MS = 5000;
const DEFAULT_FLEET_REFRESH_MS = 0;
const DEFAULT_LOCAL_MAX_BYTES = 16 * 1024 * 1024;

/** Changes when the reports of one repository change. */
function repositoryGeneration(repository: string): string {
  // lower case: the store finds repositories whatever the case of the query
  return `generation:repository:${repository.toLowerCase()}`;
}

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
  /**
   * Under a stream of writes, how often responses that span repositories are
   * invalidated at most. Default: 0, on every write.
   */
  fleetRefreshMs?: number;
  /**
   * Bytes of compressed responses each replica keeps in memory besides the
   * shared cache. Default: 16 MiB; 0 keeps none.
   */
  localMaxBytes?: number;
  metrics?: CacheMetrics;
  /** Told when a deferred fleet invalidation lands (fleetResponsesRefreshed). */
  events?: TofuiEvents;
}

/**
 * Caches read responses (summary, lists) in the Backstage cache service —
 * memory on embedded defaults, Redis in production.
 *
 * Responses are cached as their JSON text and sent as is: parsing a cached
 * object back (the cache store's deserializer walks every value) costs more
 * than the database query it saves. Each replica also keeps the compressed
 * bodies it served last (an LRU bounded by `localMaxBytes`, under the same
 * keys, so the same generations invalidate them): a hit then costs no read
 * of the body and no compression.
 *
 * Keys hold generation numbers; a write bumps one, which invalidates the
 * responses that include it on every replica (entries of old generations
 * simply expire):
 * - a response about one repository (its summary, reports, folders) depends
 *   on that repository's generation, bumped by every write to it;
 * - a response that spans repositories (the dashboard's fleet pages, an
 *   entity's or owner's summary) depends on the fleet generation, bumped by
 *   every write to any repository — or, with `fleetRefreshMs` set, by the
 *   first write after a quiet interval and, while writes keep coming, once
 *   at the end of each interval: under CI publishing a hundred reports a
 *   second the fleet pages would otherwise never stay cached, and an operator
 *   may prefer them up to that interval late (a lone publish is still seen
 *   at once).
 * - writes that change everything (status types, repository settings, the
 *   catalog mapping, retention) bump the global generation, part of every key.
 *
 * Concurrent misses of one key on one replica run the loader once.
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
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly local: LRUCache<string, JsonBody> | undefined;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly retryIntervalMs: number;
  private readonly fleetRefreshMs: number;
  private lastFleetBump = 0;
  private fleetBumpTimer: ReturnType<typeof setTimeout> | undefined;
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
    this.fleetRefreshMs = options.fleetRefreshMs ?? DEFAULT_FLEET_REFRESH_MS;
    const localMaxBytes = options.localMaxBytes ?? DEFAULT_LOCAL_MAX_BYTES;
    this.local =
      localMaxBytes > 0
        ? new LRUCache({
            maxSize: localMaxBytes,
            sizeCalculation: body => body.size,
            ttl: this.ttlMs,
          })
        : undefined;
  }

  /**
   * The body of a response, from the cache or from `load`. `repository`
   * names the one repository the response is about; without it the response
   * may span repositories.
   */
  async getOrLoad(
    key: string,
    load: () => Promise<unknown>,
    repository?: string,
  ): Promise<JsonBody> {
    const generations = await this.attempt(() =>
      Promise.all([
        this.generation(GLOBAL_GENERATION),
        this.generation(
          repository ? repositoryGeneration(repository) : FLEET_GENERATION,
        ),
      ]),
    );
    if (generations === undefined) {
      this.options.metrics?.cacheLookup(false);
      return JsonBody.of(await load());
    }
    const fullKey = `${generations.join(':')}:${key}`;
    const local = this.local?.get(fullKey);
    if (local) {
      this.options.metrics?.cacheLookup(true);
      return local;
    }
    const hit = await this.attempt(() => this.cache.get<string>(fullKey));
    this.options.metrics?.cacheLookup(typeof hit === 'string');
    return this.once(fullKey, async () => {
      let body: JsonBody;
      if (typeof hit === 'string') {
        body = await JsonBody.fromText(hit);
      } else {
        const text = JSON.stringify(await load());
        body = await JsonBody.fromText(text);
        await this.attempt(() =>
          this.cache.set(fullKey, text, { ttl: this.ttlMs }),
        );
      }
      this.local?.set(fullKey, body);
      return body;
    });
  }

  /**
   * Invalidates the cached responses a write affects: those about
   * `change.repository` and those spanning repositories, or, without
   * `change`, every one. Called for every reportsChanged event.
   */
  async invalidate(change: { repository?: string } = {}): Promise<void> {
    const { repository } = change;
    if (repository) {
      await this.attempt(() => this.bump(repositoryGeneration(repository)));
      await this.fleetChanged();
    } else {
      await this.attempt(() => this.bump(GLOBAL_GENERATION));
    }
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

  /**
   * Bumps the fleet generation now when the last bump is older than
   * `fleetRefreshMs`, else once at the end of that interval (then
   * fleetResponsesRefreshed is emitted, so open pages refetch after the last
   * bump).
   */
  private async fleetChanged(): Promise<void> {
    if (this.fleetBumpTimer) {
      return; // a bump is already scheduled
    }
    const wait = this.lastFleetBump + this.fleetRefreshMs - Date.now();
    if (wait <= 0) {
      this.lastFleetBump = Date.now();
      await this.attempt(() => this.bump(FLEET_GENERATION));
      return;
    }
    this.fleetBumpTimer = setTimeout(async () => {
      this.lastFleetBump = Date.now();
      await this.attempt(() => this.bump(FLEET_GENERATION));
      this.fleetBumpTimer = undefined;
      await this.options.events?.emit('fleetResponsesRefreshed', {});
    }, wait);
    // never keep the process alive for an invalidation
    this.fleetBumpTimer.unref?.();
  }

  private async generation(key: string): Promise<string> {
    const current = await this.cache.get<string>(key);
    if (current) {
      return current;
    }
    // one new generation for concurrent first lookups, so they share a key
    return this.once(`new ${key}`, async () => {
      const fresh = randomUUID();
      await this.cache.set(key, fresh, { ttl: this.ttlMs * 2 });
      return fresh;
    });
  }

  /** `fn()`, or the result of the call of it for `key` already running. */
  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let running = this.running.get(key) as Promise<T> | undefined;
    if (!running) {
      running = fn().finally(() => this.running.delete(key));
      this.running.set(key, running);
    }
    return running;
  }

  /**
   * Writes a new generation and reads it back: the Redis store reports a
   * failed write as success, and an invalidation that did not happen would
   * leave stale responses for the whole TTL.
   */
  private async bump(key: string): Promise<void> {
    await this.cache.set(key, randomUUID(), { ttl: this.ttlMs * 2 });
    // Another replica may have bumped it again meanwhile: any value will do.
    if ((await this.cache.get(key)) === undefined) {
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
        await withTimeout(
          this.bump(GLOBAL_GENERATION),
          this.timeoutMs,
          'The response cache',
        );
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
