import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { OwnRedis, ownRedisAvailable } from '../__testUtils__/ownRedis';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import { startTestMetrics } from '../__testUtils__/testMetrics';
import { createTestDatabases } from '../__testUtils__/testServices';
import { keepRedisCacheReconnecting } from '@tofui/backstage-backend-redis-resilience';

jest.setTimeout(90_000);

const databases = createTestDatabases();
const TIMEOUT_MS = 250;
/** What a request may take beyond the cache timeout (SQLite, a loaded machine). */
const SLACK_MS = 400;

/**
 * Backstage's cache service on Redis, as `backend.cache.store: redis` builds
 * it, with the host backend's reconnection fix (packages/backend).
 */
function redisCacheService(url: string) {
  const manager = CacheManager.fromConfig(
    mockServices.rootConfig({
      data: { backend: { cache: { store: 'redis', connection: url } } },
    }),
  );
  keepRedisCacheReconnecting(manager, mockServices.logger.mock());
  return createServiceFactory({
    service: coreServices.cache,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => manager.forPlugin(plugin.getId()),
  });
}

(ownRedisAvailable() ? describe : describe.skip)(
  'the API while Redis dies and comes back',
  () => {
    it('answers correctly and quickly without Redis, degraded but ready, then caches again', async () => {
      const redis = await OwnRedis.start();
      const metrics = await startTestMetrics();
      const logger = mockServices.logger.mock();
      const api = await startTofuiBackend(
        await databases.init('SQLITE_3'),
        { cache: { timeoutMs: TIMEOUT_MS, retryIntervalMs: 500 } },
        [redisCacheService(redis.url), metrics.factory, logger.factory],
      );
      const latencies: number[] = [];
      const timed = async <T>(request: PromiseLike<T>): Promise<T> => {
        const started = performance.now();
        const res = await request;
        latencies.push(performance.now() - started);
        return res;
      };
      const publish = (build: string) =>
        timed(
          api
            .asService(api.http().post('/api/tofui/v1/reports'))
            .send({ ...ORIGINAL_REPORT, build_name: build }),
        );
      const builds = async () => {
        const res = await timed(
          api.asUser(
            api
              .http()
              .get('/api/tofui/v1/reports?repository=acme/infrastructure'),
          ),
        );
        expect(res.status).toBe(200);
        // same run time for all: compare as sets
        return res.body.items
          .map((r: { buildName: string }) => r.buildName)
          .sort();
      };
      const hits = () => metrics.value('tofui_cache_hits_total');
      const health = () => api.http().get('/api/tofui/v1/health');
      const outageWarnings = () =>
        logger.warn.mock.calls.filter(([message]) =>
          String(message).startsWith('tofUI response cache unavailable'),
        );

      try {
        expect((await publish('before')).status).toBe(201);
        const hitsBefore = await hits();
        expect(await builds()).toEqual(['before']);
        expect(await builds()).toEqual(['before']);
        expect(await hits()).toBe(hitsBefore + 1);
        expect((await health()).body.cache).toBe('ok');

        await redis.stop();
        latencies.length = 0;
        const expected = ['before'];
        for (let i = 1; i <= 5; i++) {
          expect((await publish(`during-${i}`)).status).toBe(201);
          expected.push(`during-${i}`);
          expect(await builds()).toEqual(expected);
          expect(await builds()).toEqual(expected);
          await new Promise(r => setTimeout(r, 200));
        }
        const outage = [...latencies].sort((a, b) => a - b);
        expect(outage[outage.length - 1]).toBeLessThan(TIMEOUT_MS + SLACK_MS);
        const degraded = await health();
        expect(degraded.status).toBe(200);
        expect(degraded.body).toEqual({
          status: 'degraded',
          database: 'ok',
          storage: 'ok',
          cache: 'down',
          backend: 'ok',
        });
        expect(outageWarnings()).toHaveLength(1);

        await redis.start(); // same port, empty
        const started = Date.now();
        for (;;) {
          const before = await hits();
          expect(await builds()).toEqual(expected);
          if ((await hits()) > before) break;
          if (Date.now() - started > 20_000) {
            throw new Error('the cache was not used again');
          }
          await new Promise(r => setTimeout(r, 200));
        }
        expect(await redis.size()).toBeGreaterThan(0);
        expect((await health()).body).toEqual({
          status: 'ok',
          database: 'ok',
          storage: 'ok',
          cache: 'ok',
          backend: 'ok',
        });
        expect(outageWarnings()).toHaveLength(1);
        // eslint-disable-next-line no-console
        console.info(
          `API with Redis killed: ${outage.length} requests, median ${outage[
            Math.floor(outage.length / 2)
          ].toFixed(1)} ms, max ${outage[outage.length - 1].toFixed(
            1,
          )} ms; cached again ${Date.now() - started} ms after restart`,
        );
      } finally {
        await api.stop();
        await metrics.stop();
        await redis.stop();
      }
    });
  },
);
