import { CacheManager } from '@backstage/backend-defaults/cache';
import type { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestCaches } from '../__testUtils__/testServices';
import { TofuiEvents } from '../events/TofuiEvents';
import type { JsonBody } from './JsonBody';
import { ResponseCache } from './ResponseCache';

jest.setTimeout(30_000);

const text = async (body: Promise<JsonBody>) => (await body).text;

const caches = createTestCaches();

async function cacheServiceFor(id: Parameters<typeof caches.init>[0]) {
  const { store, connection } = await caches.init(id);
  const config = mockServices.rootConfig({
    data: { backend: { cache: { store, connection } } },
  });
  return () => CacheManager.fromConfig(config).forPlugin('tofui');
}

describe.each(caches.eachSupportedId())('ResponseCache on %s', id => {
  it('serves from cache until a write invalidates it', async () => {
    const newCache = await cacheServiceFor(id);
    const cache = new ResponseCache(newCache(), mockServices.logger.mock());
    let calls = 0;
    const load = jest.fn(async () => ({ n: ++calls }));

    expect(await text(cache.getOrLoad('summary:{}', load))).toBe('{"n":1}');
    expect(await text(cache.getOrLoad('summary:{}', load))).toBe('{"n":1}');
    expect(load).toHaveBeenCalledTimes(1);

    await cache.invalidate();
    expect(await text(cache.getOrLoad('summary:{}', load))).toBe('{"n":2}');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a write to one repository leaves the responses about others cached', async () => {
    const newCache = await cacheServiceFor(id);
    const cache = new ResponseCache(newCache(), mockServices.logger.mock());
    const versions = { 'acme/a': 1, 'acme/b': 1 };
    const loadA = jest.fn(async () => ({ a: versions['acme/a'] }));
    const loadB = jest.fn(async () => ({ b: versions['acme/b'] }));

    await cache.getOrLoad('summary:a', loadA, 'acme/a');
    await cache.getOrLoad('summary:b', loadB, 'acme/b');
    versions['acme/a'] = 2;
    versions['acme/b'] = 2;
    // the query may name the repository in another case than the publish
    await cache.invalidate({ repository: 'Acme/A' });

    expect(await text(cache.getOrLoad('summary:a', loadA, 'acme/a'))).toBe(
      '{"a":2}',
    );
    expect(await text(cache.getOrLoad('summary:b', loadB, 'acme/b'))).toBe(
      '{"b":1}',
    );
    expect(loadB).toHaveBeenCalledTimes(1);
    // a write that changes everything reaches every repository
    await cache.invalidate();
    expect(await text(cache.getOrLoad('summary:b', loadB, 'acme/b'))).toBe(
      '{"b":2}',
    );
  });

  it('invalidates fleet-wide responses at once after a quiet interval, and at most once per interval under a burst', async () => {
    const newCache = await cacheServiceFor(id);
    const events = new TofuiEvents(mockServices.logger.mock());
    const refreshed = jest.fn();
    events.on('fleetResponsesRefreshed', refreshed);
    const cache = new ResponseCache(newCache(), mockServices.logger.mock(), {
      fleetRefreshMs: 400,
      events,
    });
    let published = 0;
    const loadFleet = jest.fn(async () => ({ published }));

    await cache.getOrLoad('summary:all', loadFleet);
    published = 1;
    await cache.invalidate({ repository: 'acme/a' });
    // a lone publish is seen at once
    expect(await text(cache.getOrLoad('summary:all', loadFleet))).toBe(
      '{"published":1}',
    );

    published = 2;
    await cache.invalidate({ repository: 'acme/b' });
    published = 3;
    await cache.invalidate({ repository: 'acme/c' });
    // within the interval the fleet page may be behind...
    expect(await text(cache.getOrLoad('summary:all', loadFleet))).toBe(
      '{"published":1}',
    );
    expect(refreshed).not.toHaveBeenCalled();
    // ...by at most one interval, after which open pages are told to refetch
    await new Promise(resolve => setTimeout(resolve, 600));
    expect(refreshed).toHaveBeenCalledTimes(1);
    expect(await text(cache.getOrLoad('summary:all', loadFleet))).toBe(
      '{"published":3}',
    );
    expect(loadFleet).toHaveBeenCalledTimes(3);
  });

  it("serves a hit from the replica's memory without reading its body from the shared cache", async () => {
    const shared = (await cacheServiceFor(id))();
    const reads: string[] = [];
    const counting: CacheService = {
      get: async key => {
        reads.push(key);
        return shared.get(key);
      },
      set: (key, value, options) => shared.set(key, value, options),
      delete: key => shared.delete(key),
      withOptions: () => counting,
    };
    const load = jest.fn(async () => ({ n: 1 }));
    const cache = new ResponseCache(counting, mockServices.logger.mock());
    const first = await cache.getOrLoad('summary:{}', load);
    reads.length = 0;

    // the same body, compressed once; only the generations are read
    expect(await cache.getOrLoad('summary:{}', load)).toBe(first);
    expect(reads).toEqual(['generation', 'generation:fleet']);

    // a replica without memory of it reads the body the first one stored
    const other = new ResponseCache(counting, mockServices.logger.mock(), {
      localMaxBytes: 0,
    });
    reads.length = 0;
    expect(await text(other.getOrLoad('summary:{}', load))).toBe('{"n":1}');
    expect(reads).toHaveLength(3);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('runs the loader once for concurrent misses of one key', async () => {
    const newCache = await cacheServiceFor(id);
    const cache = new ResponseCache(newCache(), mockServices.logger.mock());
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const load = jest.fn(async () => {
      await gate;
      return { rows: 1 };
    });

    const pending = Array.from({ length: 5 }, () =>
      cache.getOrLoad('summary:slow', load),
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    release();

    const bodies = await Promise.all(pending);
    expect(bodies.map(b => b.text)).toEqual(Array(5).fill('{"rows":1}'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  if (id === 'REDIS_7') {
    it('invalidates across replicas sharing the cache', async () => {
      const newCache = await cacheServiceFor(id);
      const replicaA = new ResponseCache(
        newCache(),
        mockServices.logger.mock(),
      );
      const replicaB = new ResponseCache(
        newCache(),
        mockServices.logger.mock(),
      );
      let version = 1;
      const load = async () => ({ version });

      expect(await text(replicaA.getOrLoad('k', load))).toBe('{"version":1}');
      version = 2;
      // B sees A's cached entry...
      expect(await text(replicaB.getOrLoad('k', load))).toBe('{"version":1}');
      // ...until a write on B invalidates it for A as well.
      await replicaB.invalidate();
      expect(await text(replicaA.getOrLoad('k', load))).toBe('{"version":2}');
    });
  }
});

describe('ResponseCache with a failing cache', () => {
  it('answers from the loader and warns once until the cache recovers', async () => {
    let broken = true;
    const store = new Map<string, unknown>();
    const cache: CacheService = {
      get: async (key: string) => {
        if (broken) throw new Error('ECONNREFUSED');
        return store.get(key) as any;
      },
      set: async (key: string, value: unknown) => {
        if (broken) throw new Error('ECONNREFUSED');
        store.set(key, value);
      },
      delete: async () => {},
      withOptions: () => cache,
    };
    const logger = mockServices.logger.mock();
    // retried on every request, as if each came after the retry interval
    const responses = new ResponseCache(cache, logger, { retryIntervalMs: 0 });
    const load = jest.fn(async () => 'fresh');

    expect(await text(responses.getOrLoad('k', load))).toBe('"fresh"');
    expect(await text(responses.getOrLoad('k', load))).toBe('"fresh"');
    await responses.invalidate();
    expect(load).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);

    broken = false;
    expect(await text(responses.getOrLoad('k', load))).toBe('"fresh"');
    expect(await text(responses.getOrLoad('k', load))).toBe('"fresh"');
    expect(load).toHaveBeenCalledTimes(3);
    expect(logger.info).toHaveBeenCalledWith(
      'tofUI response cache is reachable again; responses cached before were invalidated',
    );
  });
});

describe('ResponseCache with a cache that hangs or loses writes', () => {
  /** A cache whose operations never settle, like a Redis client queueing commands while disconnected. */
  const hanging: CacheService = {
    get: () => new Promise(() => {}),
    set: () => new Promise(() => {}),
    delete: () => new Promise(() => {}),
    withOptions: () => hanging,
  };

  it('waits at most the timeout once, then skips the cache until the retry', async () => {
    const logger = mockServices.logger.mock();
    const lookups: boolean[] = [];
    const responses = new ResponseCache(hanging, logger, {
      timeoutMs: 100,
      retryIntervalMs: 60_000,
      metrics: { cacheLookup: hit => lookups.push(hit) },
    });
    const load = async () => 'fresh';

    let started = performance.now();
    expect(await text(responses.getOrLoad('k', load))).toBe('"fresh"');
    const first = performance.now() - started;
    expect(first).toBeGreaterThanOrEqual(95);
    expect(first).toBeLessThan(400);

    started = performance.now();
    await responses.invalidate();
    expect(await text(responses.getOrLoad('k', load))).toBe('"fresh"');
    expect(performance.now() - started).toBeLessThan(50);
    expect(lookups).toEqual([false, false]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(await responses.ping()).toBe(false);
  });

  it('notices a write the store reported as done but did not keep', async () => {
    // @keyv/redis turns a failed command into success (set) or a miss (get)
    const forgetful: CacheService = {
      get: async () => undefined,
      set: async () => {},
      delete: async () => {},
      withOptions: () => forgetful,
    };
    const logger = mockServices.logger.mock();
    const responses = new ResponseCache(forgetful, logger);
    await responses.invalidate();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(await responses.ping()).toBe(false);
  });

  it('counts hits and misses and answers ping on a working cache', async () => {
    const lookups: boolean[] = [];
    const responses = new ResponseCache(
      CacheManager.fromConfig(mockServices.rootConfig()).forPlugin('tofui'),
      mockServices.logger.mock(),
      { metrics: { cacheLookup: hit => lookups.push(hit) } },
    );
    const load = async () => 1;
    await responses.getOrLoad('k', load);
    await responses.getOrLoad('k', load);
    expect(lookups).toEqual([false, true]);
    expect(await responses.ping()).toBe(true);
  });
});
