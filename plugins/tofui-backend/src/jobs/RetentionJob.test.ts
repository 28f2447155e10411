import { mockServices } from '@backstage/backend-test-utils';
import { LocalArtifactStorage } from '@tofui/backstage-plugin-tofui-node';
import type { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  clearTables,
  createTestDatabases,
} from '../__testUtils__/testServices';
import { KnexTofuiStore } from '../database/KnexTofuiStore';
import type { ReportType } from '@tofui/backstage-plugin-tofui-common';
import { ArtifactService } from '../service/ArtifactService';
import { TofuiEvents } from '../events/TofuiEvents';
import { archiveKey, RetentionJob } from './RetentionJob';
import type { RetentionPolicy } from '../config/retention';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const DAY = 24 * 60 * 60 * 1000;
/** The clock of these tests: "now" is 2026-03-01. */
const NOW = new Date('2026-03-01T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

const policy = (overrides: Partial<RetentionPolicy> = {}): RetentionPolicy => ({
  enabled: true,
  keepPerFolderAndType: 3,
  dryRun: false,
  schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
  ...overrides,
});

describe.each(databases.eachSupportedId())('RetentionJob on %s', id => {
  let knex: Knex;
  let store: KnexTofuiStore;
  let dir: string;
  let storage: LocalArtifactStorage;
  let artifacts: ArtifactService;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await KnexTofuiStore.create(mockServices.database({ knex }));
  });
  beforeEach(async () => {
    await clearTables(knex);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-retention-'));
    storage = new LocalArtifactStorage({ basePath: dir });
    artifacts = new ArtifactService(storage, mockServices.logger.mock(), 1e8);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Publishes a report of folder `aws` with an HTML artifact. */
  async function publish(type: ReportType, build: string, createdAt: Date) {
    const reportId = `00000000-0000-4000-8000-${String(
      Math.floor(Math.random() * 1e12),
    ).padStart(12, '0')}`;
    const { stored } = await artifacts.store(
      { repository: 'acme/infra', folder: 'aws', reportId },
      'html',
      Buffer.from(`<p>${build}</p>`),
    );
    const { report } = await store.reports.publish(
      {
        id: reportId,
        repository: 'acme/infra',
        folder: 'aws',
        reportType: type,
        buildName: build,
        statuses: {},
        overallStatus: 'passing',
        metadata: {},
        artifacts: { html: stored },
        createdAt,
      },
      createdAt,
      'ci',
    );
    return { id: report.id, key: stored.key, createdAt };
  }

  const job = (p: RetentionPolicy) =>
    new RetentionJob(
      store,
      artifacts,
      new TofuiEvents(mockServices.logger.mock()),
      mockServices.logger.mock(),
      p,
    );

  const remaining = async (type: ReportType) =>
    (
      await store.reports.list({
        folder: 'aws',
        repository: 'acme/infra',
        reportType: type,
        limit: 100,
      })
    ).items.map(r => r.buildName);

  it('keeps the newest N per folder and type and archives the rest', async () => {
    const builds = [];
    for (let i = 1; i <= 5; i++) {
      builds.push(await publish('build', `b${i}`, daysAgo(40 - i)));
    }
    await publish('test', 't1', daysAgo(50));
    await publish('test', 't2', daysAgo(49));

    const result = await job(policy()).run(NOW);

    expect(result).toEqual({
      dryRun: false,
      candidates: 2,
      archived: 2,
      artifacts: 2,
      failed: 0,
    });
    expect(await remaining('build')).toEqual(['b5', 'b4', 'b3']);
    expect(await remaining('test')).toEqual(['t2', 't1']);
    for (const old of builds.slice(0, 2)) {
      // Moved: gone from its place, present under archives/yyyy/mm, with a
      // record of the report beside it.
      expect(await storage.exists(old.key)).toBe(false);
      const moved = archiveKey(old.createdAt, old.key);
      expect(moved).toMatch(/^archives\/2026\/01\/reports\/acme\/infra\/aws\//);
      expect(await storage.exists(moved)).toBe(true);
      const record = JSON.parse(
        await streamText(
          await storage.download(moved.replace(/\.html$/, '.report.json')),
        ),
      );
      expect(record.report).toMatchObject({ id: old.id, folder: 'aws' });
      expect(record.artifacts.html.key).toBe(moved);
    }
    const audit = await store.auditLog.list({
      actor: 'system:retention',
      limit: 10,
    });
    expect(audit.items.map(e => [e.entityId, e.action]).sort()).toEqual(
      builds
        .slice(0, 2)
        .map(b => [b.id, 'delete'])
        .sort(),
    );
    // A second run finds nothing more.
    expect((await job(policy()).run(NOW)).candidates).toBe(0);
  });

  it('archives by age too, but never the latest build or test', async () => {
    await publish('build', 'old-1', daysAgo(100));
    await publish('build', 'old-2', daysAgo(95)); // the latest build: kept
    await publish('test', 'recent', daysAgo(2));
    const result = await job(
      policy({ keepPerFolderAndType: 30, maxAgeDays: 90 }),
    ).run(NOW);
    expect(result.archived).toBe(1);
    expect(await remaining('build')).toEqual(['old-2']);
    expect(await remaining('test')).toEqual(['recent']);
    const folder = (await store.repositories.listFolders({ limit: 10 }))
      .items[0];
    expect(folder.latestBuildReportId).toBeDefined();
  });

  it('changes nothing in a dry run, and counts what it would archive', async () => {
    const reports = [];
    for (let i = 1; i <= 5; i++) {
      reports.push(await publish('build', `b${i}`, daysAgo(10 - i)));
    }
    const result = await job(policy({ dryRun: true })).run(NOW);
    expect(result).toEqual({
      dryRun: true,
      candidates: 2,
      archived: 0,
      artifacts: 0,
      failed: 0,
    });
    expect(await remaining('build')).toHaveLength(5);
    for (const r of reports) {
      expect(await storage.exists(r.key)).toBe(true);
    }
    expect(await storage.list('archives/')).toEqual([]);
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
