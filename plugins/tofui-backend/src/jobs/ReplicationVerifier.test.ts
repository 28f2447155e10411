import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  type ArtifactStorage,
  createArtifactStorage,
  LocalArtifactStorage,
} from '@tofui/backstage-plugin-tofui-node';
import type { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import { startTestMetrics } from '../__testUtils__/testMetrics';
import {
  clearTables,
  createTestDatabases,
} from '../__testUtils__/testServices';
import { KnexTofuiStore } from '../database/KnexTofuiStore';
import { ArtifactService } from '../service/ArtifactService';
import { TofuiMetrics } from '../service/metrics';
import {
  REPLICATION_VERIFY_TASK,
  ReplicationVerifier,
} from './ReplicationVerifier';
import { readReplicationVerifyPolicy } from '../config/replication';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const HOUR = 60 * 60 * 1000;
/** The clock of these tests. */
const NOW = new Date('2026-03-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe.each(databases.eachSupportedId())('ReplicationVerifier on %s', id => {
  let knex: Knex;
  let store: KnexTofuiStore;
  let primaryDir: string;
  let replicaDir: string;
  let artifacts: ArtifactService;
  let replica: LocalArtifactStorage;
  let metrics: Awaited<ReturnType<typeof startTestMetrics>>;
  let tofuiMetrics: TofuiMetrics;
  let build = 0;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await KnexTofuiStore.create(mockServices.database({ knex }));
    metrics = await startTestMetrics();
    tofuiMetrics = new TofuiMetrics(metrics.meter, async () => 0);
  });
  afterAll(() => metrics.stop());
  beforeEach(async () => {
    await clearTables(knex);
    primaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-primary-'));
    replicaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-replica-'));
    artifacts = new ArtifactService(
      new LocalArtifactStorage({ basePath: primaryDir }),
      mockServices.logger.mock(),
      1e8,
    );
    replica = new LocalArtifactStorage({ basePath: replicaDir });
  });
  afterEach(() => {
    fs.rmSync(primaryDir, { recursive: true, force: true });
    fs.rmSync(replicaDir, { recursive: true, force: true });
  });

  /** Publishes a report with HTML and log artifacts (in the primary storage), written at `at`. */
  async function publish(at: Date) {
    build += 1;
    const reportId = `00000000-0000-4000-8000-${String(build).padStart(
      12,
      '0',
    )}`;
    const target = { repository: 'acme/infra', folder: 'aws', reportId };
    const html = await artifacts.store(target, 'html', Buffer.from('<p>x</p>'));
    const log = await artifacts.store(target, 'log', Buffer.from('log'));
    await store.reports.publish(
      {
        id: reportId,
        repository: 'acme/infra',
        folder: 'aws',
        reportType: 'build',
        buildName: `b${build}`,
        statuses: {},
        overallStatus: 'passing',
        metadata: {},
        artifacts: { html: html.stored, log: log.stored },
        createdAt: at,
      },
      at,
      'ci',
    );
    return { html: html.stored.key, log: log.stored.key };
  }

  /** What the object store's replication does: copies the primary to the replica. */
  const replicate = () =>
    fs.cpSync(primaryDir, replicaDir, { recursive: true, force: true });

  const logger = mockServices.logger.mock();
  const verifier = (
    options: { lookbackHours?: number; maxReports?: number } = {},
    storage: ArtifactStorage = replica,
  ) =>
    new ReplicationVerifier(
      store,
      storage,
      logger,
      { lookbackHours: 24, maxReports: 1000, ...options },
      result => tofuiMetrics.recordReplicationCheck(result),
    );

  it('finds nothing missing once everything is replicated', async () => {
    await publish(ago(2 * HOUR));
    await publish(ago(HOUR));
    replicate();

    const result = await verifier().run(NOW);

    expect(result).toEqual({
      reports: 2,
      artifacts: 4,
      missing: 0,
      oldestMissingAgeSeconds: 0,
      errors: 0,
      missingKeys: [],
      truncated: false,
    });
    expect(await metrics.value('tofui_replication_missing_artifacts')).toBe(0);
    expect(
      await metrics.value('tofui_replication_oldest_missing_age_seconds'),
    ).toBe(0);
  });

  it('counts an artifact missing from the replica, with its age, in the result and the metrics', async () => {
    const before = await metrics.value('tofui_replication_checks_total', {
      result: 'missing',
    });
    await publish(ago(3 * HOUR));
    const late = await publish(ago(90_000)); // 90 s before NOW
    replicate();
    fs.rmSync(path.join(replicaDir, late.log)); // not replicated yet
    await publish(ago(10_000)); // none of its artifacts replicated yet

    const result = await verifier().run(NOW);

    expect(result).toMatchObject({
      reports: 3,
      artifacts: 6,
      missing: 3,
      oldestMissingAgeSeconds: 90,
      errors: 0,
    });
    expect(result.missingKeys[0]).toBe(late.log);
    expect(await metrics.value('tofui_replication_missing_artifacts')).toBe(3);
    expect(
      await metrics.value('tofui_replication_oldest_missing_age_seconds'),
    ).toBe(90);
    expect(
      await metrics.value('tofui_replication_checks_total', {
        result: 'missing',
      }),
    ).toBe(before + 1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`3 of 6 artifacts`),
    );

    // replication catches up: back to 0
    replicate();
    expect((await verifier().run(NOW)).missing).toBe(0);
    expect(await metrics.value('tofui_replication_missing_artifacts')).toBe(0);
  });

  it('checks only reports written within the lookback window, at most maxReports', async () => {
    await publish(ago(30 * HOUR)); // outside 24 h: never replicated, not checked
    await publish(ago(3 * HOUR));
    await publish(ago(2 * HOUR));
    await publish(ago(HOUR));

    const all = await verifier().run(NOW);
    expect(all).toMatchObject({ reports: 3, missing: 6, truncated: false });
    expect(all.oldestMissingAgeSeconds).toBe(3 * 3600);

    const newest = await verifier({ maxReports: 2 }).run(NOW);
    expect(newest).toMatchObject({ reports: 2, missing: 4, truncated: true });
    expect(newest.oldestMissingAgeSeconds).toBe(2 * 3600);

    const lastTwoHours = await verifier({ lookbackHours: 2.5 }).run(NOW);
    expect(lastTwoHours).toMatchObject({ reports: 2, missing: 4 });
  });

  it('counts artifacts it could not check as errors, not as missing', async () => {
    await publish(ago(HOUR));
    const before = await metrics.value('tofui_replication_checks_total', {
      result: 'failed',
    });
    const refused = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const down: ArtifactStorage = {
      upload: refused,
      download: refused,
      delete: refused,
      exists: refused,
      list: refused,
      ping: refused,
    };

    const result = await verifier({}, down).run(NOW);

    expect(result).toMatchObject({ artifacts: 2, missing: 0, errors: 2 });
    expect(
      await metrics.value('tofui_replication_checks_total', {
        result: 'failed',
      }),
    ).toBe(before + 1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('ECONNREFUSED'),
    );
  });

  it('uses a replica made from the storage config (as the plugin does)', async () => {
    const keys = await publish(ago(HOUR));
    replicate();
    fs.rmSync(path.join(replicaDir, keys.html));
    const policy = readReplicationVerifyPolicy(
      new ConfigReader({
        tofui: {
          replication: {
            verify: {
              enabled: true,
              replica: { backend: 'local', local: { basePath: replicaDir } },
            },
          },
        },
      }),
    )!;
    const storage = await createArtifactStorage({
      config: policy.replicaConfig,
      getDatabase: async () => knex,
      defaultLocalBasePath: os.tmpdir(),
    });

    const result = await verifier({}, storage).run(NOW);

    expect(result).toMatchObject({ missing: 1, missingKeys: [keys.html] });
  });
});

describe('replication verification in the plugin', () => {
  it('is scheduled when enabled and exports its figures', async () => {
    const knex = await databases.init('SQLITE_3');
    const metrics = await startTestMetrics();
    // Tasks are only recorded; the test runs the verifier's itself.
    const scheduler = mockServices.scheduler.mock({
      triggerTask: async () => {},
    });
    const primary = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-primary-'));
    const replicaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-dr-'));
    const api = await startTofuiBackend(
      knex,
      {
        storage: { backend: 'local', local: { basePath: primary } },
        replication: {
          verify: {
            enabled: true,
            replica: { backend: 'local', local: { basePath: replicaDir } },
          },
        },
      },
      [metrics.factory, scheduler.factory],
    );
    try {
      const res = await api
        .asService(api.http().post('/api/tofui/v1/reports'))
        .send({
          ...ORIGINAL_REPORT,
          artifacts: { html: { content: '<p>plan</p>' } },
        });
      expect(res.status).toBe(201);

      const task = scheduler.scheduleTask.mock.calls
        .map(([t]) => t)
        .find(t => t.id === REPLICATION_VERIFY_TASK);
      expect(task).toMatchObject({
        scope: 'local',
        frequency: { minutes: 10 },
      });
      await task!.fn(new AbortController().signal);
      expect(await metrics.value('tofui_replication_missing_artifacts')).toBe(
        1,
      );
      fs.cpSync(primary, replicaDir, { recursive: true }); // replicated
      await task!.fn(new AbortController().signal);
      expect(await metrics.value('tofui_replication_missing_artifacts')).toBe(
        0,
      );
      expect(
        await metrics.value('tofui_replication_checks_total', {
          result: 'missing',
        }),
      ).toBe(1);
      expect(
        await metrics.value('tofui_replication_checks_total', {
          result: 'ok',
        }),
      ).toBe(1);
    } finally {
      await api.stop();
      await metrics.stop();
      fs.rmSync(primary, { recursive: true, force: true });
      fs.rmSync(replicaDir, { recursive: true, force: true });
    }
  });
});

describe('readReplicationVerifyPolicy', () => {
  const read = (verify: object) =>
    readReplicationVerifyPolicy(
      new ConfigReader({ tofui: { replication: { verify } } }),
    );

  it('is off unless enabled', () => {
    expect(readReplicationVerifyPolicy(new ConfigReader({}))).toBeUndefined();
    expect(
      read({ replica: { backend: 's3', s3: { bucket: 'b' } } }),
    ).toBeUndefined();
  });

  it('has defaults: 24 h, 10,000 reports, every 10 minutes', () => {
    const policy = read({
      enabled: true,
      replica: { backend: 's3', s3: { bucket: 'dr' } },
    })!;
    expect(policy).toMatchObject({
      replicaBackend: 's3',
      lookbackHours: 24,
      maxReports: 10_000,
      concurrency: 8,
      schedule: { frequency: { minutes: 10 } },
    });
    expect(policy.replicaConfig.getString('tofui.storage.s3.bucket')).toBe(
      'dr',
    );
  });

  it('refuses a missing or database replica and bad numbers', () => {
    expect(() => read({ enabled: true })).toThrow(/replica is required/);
    expect(() =>
      read({ enabled: true, replica: { backend: 'database' } }),
    ).toThrow(/cannot be database/);
    expect(() =>
      read({
        enabled: true,
        replica: { backend: 'local' },
        maxReports: 0.5,
      }),
    ).toThrow(/maxReports must be a positive whole number/);
  });
});
