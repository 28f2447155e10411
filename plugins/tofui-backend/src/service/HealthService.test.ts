import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTofuiBackend } from '../__testUtils__/testBackend';
import {
  postgresBehindProxy,
  postgresIdOf,
} from '../__testUtils__/postgresBehindProxy';
import { createTestDatabases } from '../__testUtils__/testServices';
import { mockServices } from '@backstage/backend-test-utils';
import { KnexTofuiStore } from '../database/KnexTofuiStore';
import { HealthService } from '../service/HealthService';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const postgresId = postgresIdOf(databases);

/** Readiness (`/v1/health`) and liveness (`/v1/health/live`), without credentials. */
describe('health', () => {
  it('is ok when everything answers; live regardless', async () => {
    const api = await startTofuiBackend(await databases.init('SQLITE_3'));
    try {
      const res = await api.http().get('/api/tofui/v1/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        database: 'ok',
        storage: 'ok',
        cache: 'ok',
        backend: 'ok',
      });
      const live = await api.http().get('/api/tofui/v1/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
    } finally {
      await api.stop();
    }
  });

  it('is down (503) while the artifact storage is unusable, still live', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-health-'));
    const api = await startTofuiBackend(await databases.init('SQLITE_3'), {
      storage: { backend: 'local', local: { basePath: dir } },
    });
    try {
      // the storage directory is replaced by a file (a lost volume mount)
      fs.rmSync(dir, { recursive: true });
      fs.writeFileSync(dir, '');
      const res = await api.http().get('/api/tofui/v1/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        status: 'down',
        database: 'ok',
        storage: 'down',
        cache: 'ok',
        backend: 'ok',
      });
      expect((await api.http().get('/api/tofui/v1/health/live')).status).toBe(
        200,
      );

      fs.rmSync(dir);
      fs.mkdirSync(dir);
      expect((await api.http().get('/api/tofui/v1/health')).status).toBe(200);
    } finally {
      await api.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is down (503) while the backend is starting or stopping, as Backstage readiness says', async () => {
    const store = await KnexTofuiStore.create(
      mockServices.database({ knex: await databases.init('SQLITE_3') }),
    );
    let readiness = {
      status: 503,
      payload: { message: 'Backend has not started yet', status: 'error' },
    };
    const health = new HealthService(
      store,
      { ping: async () => {} } as any,
      { ping: async () => true },
      mockServices.logger.mock(),
      { getReadiness: async () => readiness },
    );
    expect(await health.check()).toMatchObject({
      status: 'down',
      database: 'ok',
      backend: 'starting',
    });
    readiness = { status: 200, payload: { status: 'ok' } as any };
    expect(await health.check()).toMatchObject({ status: 'ok', backend: 'ok' });
    readiness = {
      status: 503,
      payload: { message: 'Backend is shutting down', status: 'error' },
    };
    expect(await health.check()).toMatchObject({
      status: 'down',
      backend: 'stopping',
    });
  });

  (postgresId ? describe : describe.skip)('on Postgres', () => {
    it('is down (503) while the database refuses connections, still live, and ok once it is back', async () => {
      // Postgres behind a proxy the test closes: its port refuses connections
      const db = await postgresBehindProxy(databases, postgresId!);
      const { knex, proxy } = db;
      const api = await startTofuiBackend(knex);
      try {
        expect((await api.http().get('/api/tofui/v1/health')).status).toBe(200);

        await proxy.close();
        const started = Date.now();
        const res = await api.http().get('/api/tofui/v1/health');
        expect(res.status).toBe(503);
        expect(res.body).toEqual({
          status: 'down',
          database: 'down',
          storage: 'ok',
          cache: 'ok',
          backend: 'ok',
        });
        // each check waits at most 3 s
        expect(Date.now() - started).toBeLessThan(4000);
        expect((await api.http().get('/api/tofui/v1/health/live')).status).toBe(
          200,
        );

        await proxy.open();
        const back = await api.http().get('/api/tofui/v1/health');
        expect(back.status).toBe(200);
        expect(back.body.database).toBe('ok');
      } finally {
        await api.stop();
        await db.destroy();
      }
    });
  });
});
