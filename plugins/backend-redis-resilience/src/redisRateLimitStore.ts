import type { LoggerService } from '@backstage/backend-plugin-api';
import { withTimeout } from '@tofui/backstage-plugin-tofui-common';
import Redis from 'ioredis';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';

/** Longest wait for one Redis command of the rate limiter. */
const COMMAND_TIMEOUT_MS = 250;

/** Lets a request through, uncounted, when `store` fails to count it. */
class FailOpenStore implements Store {
  readonly localKeys = false;

  constructor(private readonly store: RedisStore) {}

  get prefix() {
    return this.store.prefix;
  }

  init(options: Options): void {
    this.store.init(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      return await this.store.increment(key);
    } catch {
      return { totalHits: 0, resetTime: undefined };
    }
  }

  async decrement(key: string): Promise<void> {
    await this.store.decrement(key).catch(() => {});
  }

  async resetKey(key: string): Promise<void> {
    await this.store.resetKey(key).catch(() => {});
  }
}

/**
 * A Redis client for rate-limit counters that fails fast instead of waiting.
 *
 * Backstage's own Redis rate-limit store (`backend.rateLimit.store`) queues
 * commands while Redis is unreachable and, in this release, never
 * reconnects (no `error` listener: backstage/backstage#31742), so every
 * limited request hangs, even after Redis is back. Here the offline queue is
 * off, every command has a deadline, the client reconnects with backoff, and
 * a request whose count cannot be kept is let through: an unavailable
 * counter must not stop CI. The warning is logged once per outage, not per
 * request (as express-rate-limit's `passOnStoreError` would).
 */
export class RateLimitRedis {
  private readonly client: Redis;
  /** undefined until the first connection succeeds or fails */
  private available: boolean | undefined;

  constructor(url: string, private readonly logger: LoggerService) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      connectTimeout: 2000,
      // one attempt per command: the caller lets the request through
      maxRetriesPerRequest: 0,
      retryStrategy: attempts => Math.min(100 * 2 ** attempts, 5000),
    });
    this.client.on('error', error => {
      if (this.available !== false) {
        this.logger.warn(
          `Rate-limit Redis unavailable, requests are not limited until it is back: ${error}`,
        );
      }
      this.available = false;
    });
    this.client.on('ready', () => {
      if (this.available === false) {
        this.logger.info(
          'Rate-limit Redis is back, requests are limited again',
        );
      }
      this.available = true;
    });
  }

  /** A store for one plugin's counters (keys prefixed with its id). */
  storeFor(pluginId: string): Store {
    const store = new RedisStore({
      prefix: `rl:${pluginId}:`,
      sendCommand: (command: string, ...args: string[]) =>
        this.send(command, args),
    });
    // The store loads its scripts when created and again when they fail;
    // a load while Redis is down must not surface as an unhandled rejection.
    const scripts = store as unknown as Record<string, Promise<unknown>>;
    scripts.incrementScriptSha?.catch?.(() => {});
    scripts.getScriptSha?.catch?.(() => {});
    return new FailOpenStore(store);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }

  private send(command: string, args: string[]): Promise<any> {
    return withTimeout(
      this.client.call(command, ...args),
      COMMAND_TIMEOUT_MS,
      'Rate-limit Redis',
    );
  }
}
