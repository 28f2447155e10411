import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testServices';
import { KnexReportStore } from './KnexReportStore';
import type { NewReport } from './ReportStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function report(overrides: Partial<NewReport> = {}): NewReport {
  return {
    repository: 'Acme/Infra',
    folder: 'aws_us_east_1',
    reportType: 'build',
    buildName: 'deploy-1',
    statuses: { terraform_plan: 2 },
    overallStatus: 'passing',
    createdAt: new Date('2026-01-01T10:00:00Z'),
    receivedAt: new Date('2026-01-01T10:01:00Z'),
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('KnexReportStore on %s', id => {
  let knex: Knex;
  let store: KnexReportStore;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await KnexReportStore.create({
      database: mockServices.database({ knex }),
    });
  });

  beforeEach(async () => {
    await knex('reports').delete();
    await knex('folders').delete();
    await knex('repositories').delete();
  });

  it('creates repository and folder on first publish and reads the report back', async () => {
    const { report: stored, created } = await store.upsertReport(
      report({ displayName: 'Deploy #1', htmlUrl: 'https://ci/1.html' }),
    );
    expect(created).toBe(true);
    expect(stored).toEqual({
      id: expect.any(String),
      repository: 'Acme/Infra',
      folder: 'aws_us_east_1',
      reportType: 'build',
      buildName: 'deploy-1',
      displayName: 'Deploy #1',
      htmlUrl: 'https://ci/1.html',
      statuses: { terraform_plan: 2 },
      overallStatus: 'passing',
      createdAt: '2026-01-01T10:00:00.000Z',
      receivedAt: '2026-01-01T10:01:00.000Z',
    });
    expect(await knex('repositories').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
  });

  it('updates the same build instead of adding a row (repository names are case-insensitive)', async () => {
    const first = await store.upsertReport(report());
    const second = await store.upsertReport(
      report({
        repository: 'acme/infra',
        statuses: { terraform_plan: 1 },
        overallStatus: 'failing',
      }),
    );
    expect(second.created).toBe(false);
    expect(second.report.id).toBe(first.report.id);
    expect(second.report.overallStatus).toBe('failing');
    const rows = await knex('reports').select('id');
    expect(rows).toHaveLength(1);
    expect(await knex('repositories').select('slug')).toEqual([
      { slug: 'acme/infra' },
    ]);
  });

  it('keeps exactly one row when the same build is published 20 times at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.upsertReport(
          report({ receivedAt: new Date(Date.UTC(2026, 0, 1, 10, 1, i)) }),
        ),
      ),
    );
    expect(new Set(results.map(r => r.report.id)).size).toBe(1);
    expect(results.filter(r => r.created)).toHaveLength(1);
    expect(await knex('reports').select('id')).toHaveLength(1);
    expect(await knex('folders').select('id')).toHaveLength(1);
  });

  it('lists newest first with filters', async () => {
    await store.upsertReport(report({ buildName: 'b1' }));
    await store.upsertReport(
      report({ buildName: 'b2', createdAt: new Date('2026-01-02T00:00:00Z') }),
    );
    await store.upsertReport(
      report({
        buildName: 't1',
        reportType: 'test',
        folder: 'gcp',
        createdAt: new Date('2026-01-01T11:00:00Z'),
      }),
    );
    await store.upsertReport(
      report({
        buildName: 'x1',
        repository: 'acme/other',
        createdAt: new Date('2026-01-01T12:00:00Z'),
      }),
    );

    const all = await store.listReports({ limit: 10 });
    expect(all.map(r => r.buildName)).toEqual(['b2', 'x1', 't1', 'b1']);
    const folder = await store.listReports({
      repository: 'ACME/infra',
      folder: 'aws_us_east_1',
      reportType: 'build',
      limit: 1,
    });
    expect(folder.map(r => r.buildName)).toEqual(['b2']);
  });

  it('summarises the latest build and test per folder, failing first', async () => {
    // aws: older failing build, newer passing build, failing test -> failing
    await store.upsertReport(
      report({
        buildName: 'old',
        overallStatus: 'failing',
        createdAt: new Date('2026-01-01T00:00:00Z'),
      }),
    );
    await store.upsertReport(
      report({ buildName: 'new', createdAt: new Date('2026-01-03T00:00:00Z') }),
    );
    await store.upsertReport(
      report({ buildName: 'pr-1', reportType: 'test', overallStatus: 'failing' }),
    );
    // a folder whose only report is passing
    await store.upsertReport(report({ folder: '_root', buildName: 'r1' }));
    // republishing an old build with a newer run time makes it the latest
    await store.upsertReport(
      report({
        folder: 'eu',
        buildName: 'e1',
        createdAt: new Date('2026-01-01T00:00:00Z'),
      }),
    );
    await store.upsertReport(
      report({
        folder: 'eu',
        buildName: 'e2',
        overallStatus: 'unknown',
        createdAt: new Date('2026-01-02T00:00:00Z'),
      }),
    );

    const summary = await store.getSummary({});
    expect(
      summary.map(s => [
        s.folder,
        s.overallStatus,
        s.latestBuild?.buildName,
        s.latestTest?.buildName,
      ]),
    ).toEqual([
      ['aws_us_east_1', 'failing', 'new', 'pr-1'],
      ['eu', 'unknown', 'e2', undefined],
      ['_root', 'passing', 'r1', undefined],
    ]);
    expect(summary[0].repository).toBe('Acme/Infra');
    expect(await store.getSummary({ repository: 'acme/none' })).toEqual([]);
  });

  it('seeds status types once, keeping their order and stored edits', async () => {
    await store.addMissingStatusTypes([
      { key: 'a', name: 'A', mappings: {} },
      {
        key: 'b',
        name: 'B',
        mappings: {
          '0': { label: 'ok', emoji: '✅', color: '#1a7f37', status: 'passing' },
        },
      },
    ]);
    await knex('status_types').where({ type_key: 'a' }).update({
      display_name: 'Edited',
    });
    await store.addMissingStatusTypes([{ key: 'a', name: 'A', mappings: {} }]);
    const types = await store.listStatusTypes();
    expect(types.map(t => [t.key, t.name])).toEqual([
      ['a', 'Edited'],
      ['b', 'B'],
    ]);
    expect(types[1].mappings['0'].emoji).toBe('✅');
  });

  it('migrates down and up again', async () => {
    const migrations = {
      directory: require('node:path').resolve(__dirname, '../../migrations'),
    };
    await knex.migrate.rollback(migrations, true);
    expect(await knex.schema.hasTable('reports')).toBe(false);
    await knex.migrate.latest(migrations);
    expect(await knex.schema.hasTable('reports')).toBe(true);
  });
});
