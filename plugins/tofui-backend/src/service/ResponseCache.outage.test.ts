import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { OwnRedis, ownRedisAvailable } from '../__testUtils__/ownRedis';
import { ResponseCache } from './ResponseCache';
import { keepRedisCacheReconnecting } from '@tofui/backstage-backend-redis-resilience';

jest.setTimeout(60_000);

const TIMEOUT_MS = 250;
const RETRY_MS = 300;
/** What a request may cost beyond the cache timeout (a loaded machine). */
const SLACK_MS = 150;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * The response cache on Backstage's real Redis cache store (CacheManager,
 * @keyv/redis), on a redis-server of the test's own that it kills, restarts,
 * freezes and thaws.
 */
(ownRedisAvailable() ? describe : describe.skip)(
  'ResponseCache when Redis fails',
  () => {
    let redis: OwnRedis;
    beforeAll(async () => {
      redis = await OwnRedis.start();
    });
    afterAll(async () => {
      redis.thaw();
      await redis.stop();
    });

    function setup() {
      const config = mockServices.rootConfig({
        data: {
          backend: { cache: { store: 'redis', connection: redis.url } },
        },
      });
      const manager = CacheManager.fromConfig(config);
      // without it the Redis client never reconnects once Redis is killed
      expect(
        keepRedisCacheReconnecting(manager, mockServices.logger.mock()),
      ).toBe(true);
      const logger = mockServices.logger.mock();
      const lookups = { hits: 0, misses: 0 };
      const responses = new ResponseCache(manager.forPlugin('tofui'), logger, {
        timeoutMs: TIMEOUT_MS,
        retryIntervalMs: RETRY_MS,
        metrics: {
          cacheLookup: hit => (hit ? lookups.hits++ : lookups.misses++),
        },
      });
      let version = 1;
      const load = jest.fn(async () => ({ version }));
      const latencies: number[] = [];
      const timed = async <T>(fn: () => Promise<T>) => {
        const started = performance.now();
        const result = await fn();
        latencies.push(performance.now() - started);
        return result;
      };
      return {
        responses,
        logger,
        lookups,
        load,
        latencies,
        setVersion: (v: number) => {
          version = v;
        },
        read: () =>
          timed(
            async () => (await responses.getOrLoad('reports:{}', load)).text,
          ),
        write: (v: number) => {
          version = v;
          return timed(() => responses.invalidate());
        },
        outageWarnings: () =>
          logger.warn.mock.calls.filter(([message]) =>
            String(message).startsWith('tofUI response cache unavailable'),
          ),
      };
    }

    /** Reads until one is a hit (the cache is in use again), or fails. */
    async function untilHit(t: ReturnType<typeof setup>) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const before = t.lookups.hits;
        const body = await t.read();
        if (t.lookups.hits > before) return body;
        if (Date.now() > deadline)
          throw new Error('the cache was not used again');
        await sleep(100);
      }
    }

    it('keeps answering, fresh and fast, while Redis is dead, and uses it again once restarted', async () => {
      const t = setup();
      expect(await t.read()).toBe('{"version":1}');
      expect(await t.read()).toBe('{"version":1}');
      expect(t.lookups).toEqual({ hits: 1, misses: 1 });
      expect(await redis.size()).toBeGreaterThanOrEqual(2);

      await redis.stop();
      t.latencies.length = 0;
      // reads and writes for a few retry intervals: each answer is fresh
      for (let v = 2; v <= 20; v++) {
        await t.write(v);
        expect(await t.read()).toBe(`{"version":${v}}`);
        await sleep(50);
      }
      const outage = summarize(t.latencies);
      expect(outage.max).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(t.outageWarnings()).toHaveLength(1);
      expect(await t.responses.ping()).toBe(false);

      await redis.start(); // same port, empty
      const started = Date.now();
      expect(await untilHit(t)).toBe('{"version":20}');
      const recoveredMs = Date.now() - started;
      expect(await redis.size()).toBeGreaterThanOrEqual(2);
      expect(await t.responses.ping()).toBe(true);
      expect(t.logger.info).toHaveBeenCalledWith(
        'tofUI response cache is reachable again; responses cached before were invalidated',
      );
      expect(t.outageWarnings()).toHaveLength(1);
      // eslint-disable-next-line no-console
      console.info(
        `Redis killed: ${outage.count} requests, median ${outage.median.toFixed(
          1,
        )} ms, max ${outage.max.toFixed(
          1,
        )} ms; in use again ${recoveredMs} ms after restart`,
      );
    });

    it('never serves what a write during a hang invalidated, once Redis answers again with its old data', async () => {
      const t = setup();
      await t.write(1);
      expect(await t.read()).toBe('{"version":1}');
      expect(await t.read()).toBe('{"version":1}'); // cached in Redis

      redis.freeze();
      t.latencies.length = 0;
      expect(await t.read()).toBe('{"version":1}'); // notices the hang
      // a publish meanwhile: its invalidation never reaches Redis
      await t.write(2);
      expect(await t.read()).toBe('{"version":2}');
      expect(Math.max(...t.latencies)).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(t.outageWarnings()).toHaveLength(1);

      redis.thaw(); // Redis still holds version 1 under the old generation
      expect(await untilHit(t)).toBe('{"version":2}');
    });
  },
);

function summarize(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    median: sorted[Math.floor(sorted.length / 2)],
    max: sorted[sorted.length - 1],
  };
}
