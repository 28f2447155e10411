import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import {
  postgresBehindProxy,
  postgresIdOf,
} from '../__testUtils__/postgresBehindProxy';
import { createTestDatabases } from '../__testUtils__/testServices';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const postgresId = postgresIdOf(databases);

/**
 * The database going away mid-run: reads and writes answer 503 with
 * Retry-After (never 500), write nothing, and work again once it is back.
 */
(postgresId ? describe : describe.skip)('a database outage', () => {
  it('answers 503 with Retry-After while Postgres refuses connections, then recovers', async () => {
    const db = await postgresBehindProxy(databases, postgresId!);
    const { knex, proxy } = db;
    const api = await startTofuiBackend(knex, {
      cache: { ttlSeconds: 0 },
    });
    try {
      const publish = (build: string) =>
        api
          .asService(api.http().post('/api/tofui/v1/reports'))
          .send({ ...ORIGINAL_REPORT, build_name: build });
      expect((await publish('before')).status).toBe(201);

      await proxy.close();
      for (const res of [
        await publish('during'),
        await api.asUser(api.http().get('/api/tofui/v1/reports')),
      ]) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body.error.name).toBe('ServiceUnavailableError');
      }

      await proxy.open();
      expect((await publish('during')).status).toBe(201); // the retry
      const builds = (
        await api.asUser(api.http().get('/api/tofui/v1/reports?limit=10'))
      ).body.items.map((r: { buildName: string }) => r.buildName);
      expect(builds.sort()).toEqual(['before', 'during']);
    } finally {
      await api.stop();
      await db.destroy();
    }
  });
});
