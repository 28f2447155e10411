/*
 * The tofui rate limit counted in Redis (backend.rateLimit.store: redis)
 * behind the plugin HTTP router of ./httpRouterServiceFactory, against a
 * redis-server of the test's own that it kills and starts again.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import tofuiPlugin from '@tofui/backstage-plugin-tofui-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  OwnRedis,
  ownRedisAvailable,
} from '../../tofui-backend/src/__testUtils__/ownRedis';
import { failOpenRateLimitHttpRouterServiceFactory } from './httpRouterServiceFactory';

jest.setTimeout(90_000);

const LIMIT = 6;
const run = ownRedisAvailable() ? describe : describe.skip;

run('rate limit with the Redis store', () => {
  let redis: OwnRedis;
  let artifacts: string;
  const backends: Array<Awaited<ReturnType<typeof startTestBackend>>> = [];

  /** A backend replica counting in the test's Redis. */
  async function replica() {
    const backend = await startTestBackend({
      features: [
        tofuiPlugin,
        failOpenRateLimitHttpRouterServiceFactory,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              rateLimit: {
                global: false,
                store: { type: 'redis', connection: redis.url },
                plugin: {
                  tofui: {
                    window: { minutes: 1 },
                    incomingRequestLimit: LIMIT,
                    // the test's requests come from localhost, exempt by default
                    ipAllowList: [],
                  },
                },
              },
            },
            tofui: { storage: { backend: 'local', local: { basePath: artifacts } } },
          },
        }),
      ],
    });
    backends.push(backend);
    return (pathname: string) => request(backend.server).get(pathname);
  }

  beforeAll(async () => {
    redis = await OwnRedis.start();
    artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-rl-redis-'));
  });

  afterAll(async () => {
    for (const backend of backends) await backend.stop();
    await redis?.stop();
    fs.rmSync(artifacts, { recursive: true, force: true });
  });

  it('shares one count between replicas, keeps answering while Redis is down, and limits again once it is back', async () => {
    const [a, b] = [await replica(), await replica()];
    const live = '/api/tofui/v1/health/live';

    // Alternating between the replicas: with one shared count the limit is
    // reached after LIMIT requests, with a count per replica after twice
    // that. (A count that timed out on a loaded machine lets its request
    // through uncounted, by design: a little slack for that.)
    let answered = 0;
    let limited = await a(live);
    for (let i = 1; limited.status === 200 && i <= 2 * LIMIT; i++) {
      answered += 1;
      limited = await (i % 2 ? b : a)(live);
    }
    expect(answered).toBeGreaterThanOrEqual(LIMIT);
    expect(answered).toBeLessThanOrEqual(LIMIT + 2);
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/Too many requests/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await a(live)).status).toBe(429);
    expect(await redis.size()).toBeGreaterThan(0);

    // Redis gone: not limited (the counter is unavailable), and never slow
    await redis.stop();
    for (let i = 0; i < LIMIT * 2; i++) {
      const started = Date.now();
      const res = await a(live);
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
    }

    // Redis back, empty: the clients reconnect and count from zero again
    await redis.start();
    answered = 0;
    const deadline = Date.now() + 30_000;
    while ((await a(live)).status !== 429) {
      answered += 1;
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    // reconnected within the backoff (≤ 5 s) and counted up to the limit
    expect(answered).toBeGreaterThanOrEqual(LIMIT);
    expect(await redis.size()).toBeGreaterThan(0);
  });
});
