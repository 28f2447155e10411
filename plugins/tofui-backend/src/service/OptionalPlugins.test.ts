/*
 * tofUI in backends shaped like an adopter's: with no `tofui:` config at
 * all, and without the signals, notifications and events plugins. Each
 * missing plugin turns its feature off with one line at start-up; nothing
 * fails, and every request answers.
 */
import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { tofuiPlugin } from '../plugin';
import {
  createTestDatabases,
  installedPlugin,
} from '../__testUtils__/testServices';

jest.setTimeout(60_000);

const databases = createTestDatabases();

type Line = { level: string; message: string };

const silent = (): LoggerService => ({
  child: () => silent(),
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
});

/** The tofui plugin's log, line by line; other plugins' go nowhere. */
function capturedLogs() {
  const lines: Line[] = [];
  const logger = (): LoggerService => ({
    child: () => logger(),
    debug: () => {},
    info: message => lines.push({ level: 'info', message }),
    warn: message => lines.push({ level: 'warn', message }),
    error: message => lines.push({ level: 'error', message }),
  });
  const factory = createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => (plugin.getId() === 'tofui' ? logger() : silent()),
  });
  return { lines, factory };
}

/** Records what the plugin sends through signals and notifications. */
function recordedDeliveries() {
  const signals: unknown[] = [];
  const notifications: unknown[] = [];
  return {
    signals,
    notifications,
    factories: [
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async (signal: unknown) => {
            signals.push(signal);
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (notification: unknown) => {
            notifications.push(notification);
          },
        }),
      }),
    ],
  };
}

/** The adopter's catalog: an entity mapping the folder, owned by a team. */
const NETWORK: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'network',
    namespace: 'default',
    annotations: { 'tofui.io/repository': 'acme/infrastructure' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/net',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/net' }],
};

const run = (build: string, failing: boolean) => ({
  source_repo: 'acme/infrastructure',
  folder: 'aws_us_east_1',
  report_type: 'build',
  build_name: build,
  statuses: { terraform_apply: failing ? 1 : 0 },
  artifacts: {
    html: { content: `<!doctype html><p>${build}</p>` },
    log: { content: `apply ${build}\n` },
  },
});

/**
 * The catalog sync at start-up (by default it waits a few seconds), so that
 * the folder is mapped onto its entity, whose owners a failing build
 * notifies, before the test publishes.
 */
const SYNC_AT_START = {
  tofui: {
    catalogSync: {
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
    },
  },
};

async function startAdopterBackend(
  id: TestDatabaseId,
  extraFeatures: Parameters<typeof startTestBackend>[0]['features'],
  config: JsonObject = {},
) {
  const knex = await databases.init(id);
  const logs = capturedLogs();
  const deliveries = recordedDeliveries();
  const backend = await startTestBackend({
    features: [
      tofuiPlugin,
      logs.factory,
      ...deliveries.factories,
      ...(extraFeatures ?? []),
      catalogServiceMock.factory({ entities: [NETWORK] }),
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  if (config.tofui) {
    for (let i = 0; ; i++) {
      const [{ n }] = await knex('entity_mappings').count({ n: '*' });
      if (Number(n) > 0) break;
      if (i === 100) throw new Error('the catalog sync did not run');
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
  const http = () => request(backend.server);
  const asService = (req: request.Test) =>
    req.set('Authorization', mockCredentials.service.header());
  return { backend, http, asService, logs, deliveries, knex };
}

describe.each(databases.eachSupportedId())(
  'tofUI as an adopter installs it, on %s',
  id => {
    it('runs with no tofui config at all: artifacts in its database, one line saying so', async () => {
      const api = await startAdopterBackend(id, []);
      try {
        expect(
          api.logs.lines.filter(l =>
            l.message.startsWith('tofui.storage.backend is not set'),
          ),
        ).toHaveLength(1);
        const res = await api
          .asService(api.http().post('/api/tofui/v1/reports'))
          .send(run('apply-1', false));
        expect(res.status).toBe(201);
        const html = await api.asService(
          api.http().get(`/api/tofui/v1/reports/${res.body.id}/html`),
        );
        expect(html.status).toBe(200);
        expect(html.text).toContain('apply-1');
        const log = await api.asService(
          api.http().get(`/api/tofui/v1/reports/${res.body.id}/log`),
        );
        expect(log.text).toContain('apply apply-1');
        const [{ n }] = await api.knex('tofui_artifacts').count({ n: '*' });
        expect(Number(n)).toBe(2);
        expect(
          api.logs.lines.filter(l => l.level === 'warn' || l.level === 'error'),
        ).toEqual([]);
      } finally {
        await api.backend.stop();
      }
    });

    it('runs without signals, notifications and events: one line each, nothing fails', async () => {
      const api = await startAdopterBackend(id, [], SYNC_AT_START);
      try {
        const startup = api.logs.lines.map(l => l.message);
        for (const plugin of ['signals', 'notifications', 'events']) {
          expect(
            startup.filter(m =>
              m.startsWith(`The ${plugin} plugin is not installed`),
            ),
          ).toHaveLength(1);
        }

        // The folder turns failing and recovers: what would notify its owners
        // and signal open pages.
        for (const [build, failing] of [
          ['apply-1', false],
          ['apply-2', true],
          ['apply-3', false],
        ] as const) {
          const res = await api
            .asService(api.http().post('/api/tofui/v1/reports'))
            .send(run(build, failing));
          expect(res.status).toBe(201);
        }
        const list = await api.asService(
          api
            .http()
            .get('/api/tofui/v1/reports?repository=acme/infrastructure'),
        );
        expect(list.status).toBe(200);
        expect(list.body.items).toHaveLength(3);

        // with the plugins installed this would have notified the network
        // team twice (failing, recovered) and signalled open pages
        await new Promise(resolve => setTimeout(resolve, 1500));
        expect(api.deliveries.signals).toEqual([]);
        expect(api.deliveries.notifications).toEqual([]);
        expect(
          api.logs.lines.filter(l => l.level === 'warn' || l.level === 'error'),
        ).toEqual([]);
      } finally {
        await api.backend.stop();
      }
    });

    it('signals, notifies and says nothing of them when the plugins are there', async () => {
      const api = await startAdopterBackend(
        id,
        [
          installedPlugin('signals'),
          installedPlugin('notifications'),
          installedPlugin('events'),
        ],
        SYNC_AT_START,
      );
      try {
        expect(
          api.logs.lines.filter(l =>
            / plugin is not installed/.test(l.message),
          ),
        ).toEqual([]);
        for (const [build, failing] of [
          ['apply-1', false],
          ['apply-2', true],
        ] as const) {
          const res = await api
            .asService(api.http().post('/api/tofui/v1/reports'))
            .send(run(build, failing));
          expect(res.status).toBe(201);
        }
        await new Promise(resolve => setTimeout(resolve, 1500));
        expect(api.deliveries.signals.length).toBeGreaterThan(0);
        // the folder turned failing: its entity is told
        expect(api.deliveries.notifications).toEqual([
          expect.objectContaining({
            recipients: {
              type: 'entity',
              entityRef: ['component:default/network'],
            },
          }),
        ]);
      } finally {
        await api.backend.stop();
      }
    });
  },
);
