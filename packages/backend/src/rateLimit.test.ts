/*
 * The production rate limit (app-config.production.yaml, backend.rateLimit)
 * on the tofui plugin behind Backstage's real plugin HTTP router.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import type { JsonObject } from '@backstage/types';
import tofuiPlugin from '@tofui/backstage-plugin-tofui-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '../../..');

async function productionBackendConfig() {
  const source = ConfigSources.defaultForTargets({
    rootDir: repoRoot,
    targets: ['app-config.yaml', 'app-config.production.yaml'].map(f => ({
      type: 'path' as const,
      target: path.join(repoRoot, f),
    })),
    substitutionFunc: async () => 'x',
  });
  for await (const { configs } of source.readConfigData()) {
    return ConfigReader.fromConfigs(configs).getConfig('backend');
  }
  throw new Error('no config');
}

describe('production rate limit', () => {
  it('limits the tofui API only, per client behind the ingress, counting in Redis', async () => {
    const backend = await productionBackendConfig();
    expect(backend.getNumber('trustProxy')).toBe(1);
    // `backend.rateLimit` without `global: false` limits every route
    expect(backend.getBoolean('rateLimit.global')).toBe(false);
    // shared by the replicas; read by ./rateLimit (redisRateLimit.test.ts)
    expect(backend.getString('rateLimit.store.type')).toBe('redis');
    expect(backend.getConfig('rateLimit.plugin').keys()).toEqual(['tofui']);
  });

  it('answers 429 with Retry-After past the configured number of requests', async () => {
    const rateLimit = (await productionBackendConfig())
      .getConfig('rateLimit')
      .get<JsonObject>();
    const tofui = (rateLimit.plugin as JsonObject).tofui as JsonObject;
    const limit = tofui.incomingRequestLimit as number;
    const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-rl-'));
    const server = await startTestBackend({
      features: [
        tofuiPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              rateLimit: {
                ...rateLimit,
                // counted in memory here; in Redis: rateLimit/redisRateLimit.test.ts
                store: undefined,
                // the test's requests come from localhost, exempt by default
                plugin: { tofui: { ...tofui, ipAllowList: [] } },
              },
            },
            tofui: { storage: { backend: 'local', local: { basePath: artifacts } } },
          },
        }),
      ],
    });
    try {
      const live = () =>
        request(server.server).get('/api/tofui/v1/health/live');
      for (let i = 0; i < limit; i++) {
        expect((await live()).status).toBe(200);
      }
      const limited = await live();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    } finally {
      await server.stop();
      fs.rmSync(artifacts, { recursive: true, force: true });
    }
  });
});
