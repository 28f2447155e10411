import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testServices';
import { tofuiPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** The plugin behind Backstage's real HTTP router, with `backend.rateLimit`. */
async function startLimited(rateLimit: JsonObject) {
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-rl-'));
  const backend = await startTestBackend({
    features: [
      tofuiPlugin,
      mockServices.database.factory({
        knex: await databases.init('SQLITE_3'),
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { rateLimit },
          tofui: { storage: { backend: 'local', local: { basePath: artifacts } } },
        },
      }),
    ],
  });
  return {
    get: (url: string) => request(backend.server).get(url),
    async stop() {
      await backend.stop();
      fs.rmSync(artifacts, { recursive: true, force: true });
    },
  };
}

describe('rate limiting (backend.rateLimit.plugin.tofui)', () => {
  it('answers 429 with Retry-After and X-RateLimit headers once a client is over the limit', async () => {
    const api = await startLimited({
      global: false,
      plugin: {
        tofui: {
          window: { seconds: 30 },
          incomingRequestLimit: 3,
          // the test's requests come from localhost, exempt by default
          ipAllowList: [],
        },
      },
    });
    try {
      for (let i = 0; i < 3; i++) {
        const ok = await api.get('/api/tofui/v1/health/live');
        expect(ok.status).toBe(200);
        expect(ok.headers['x-ratelimit-limit']).toBe('3');
        expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      }
      const limited = await api.get('/api/tofui/v1/reports');
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(30);
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      expect(limited.body).toEqual({
        error: {
          name: 'Error',
          message: 'Too many requests, please try again later',
        },
        response: { statusCode: 429 },
      });
    } finally {
      await api.stop();
    }
  });
});
