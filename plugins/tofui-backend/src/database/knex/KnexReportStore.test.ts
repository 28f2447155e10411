import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  clearTables,
  createTestDatabases,
} from '../../__testUtils__/testServices';
import { KnexTofuiStore, migrationsDir } from '../KnexTofuiStore';
import type { NewReport } from '../TofuiStore';
import {
  SUMMARY_CASE_FOLDERS,
  SUMMARY_FILTER_CASES,
  summaryCaseKey,
} from '@tofui/backstage-plugin-tofui-common/testUtils';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-01-05T00:00:00Z');

function report(overrides: Partial<NewReport> = {}): NewReport {
  return {
    repository: 'Acme/Infra',
    folder: 'aws_us_east_1',
    reportType: 'build',
    buildName: 'deploy-1',
    statuses: { terraform_plan: 2 },
    overallStatus: 'passing',
    metadata: {},
    createdAt: new Date('2026-01-01T10:00:00Z'),
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);

describe.each(databases.eachSupportedId())('KnexReportStore on %s', id => {
  let knex: Knex;
  let store: KnexTofuiStore;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await KnexTofuiStore.create(mockServices.database({ knex }));
  });
  beforeEach(() => clearTables(knex));

  it('creates repository and folder on first publish and reads the report back', async () => {
    const { report: stored, before } = await store.reports.publish(
      report({
        displayName: 'Deploy #1',
        htmlUrl: 'https://ci/1.html',
        metadata: { commitSha: 'abc1234', pullRequest: 7 },
        summary: { add: 1, change: 0, destroy: 2, errored: false },
      }),
      NOW,
      'user:default/test',
    );
    expect(before).toBeUndefined();
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
      metadata: { commitSha: 'abc1234', pullRequest: 7 },
      summary: { add: 1, change: 0, destroy: 2, errored: false },
      createdAt: '2026-01-01T10:00:00.000Z',
      receivedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(await store.reports.get(stored.id)).toEqual(stored);
  });

  it('updates the same build instead of adding a row (repository names are case-insensitive)', async () => {
    const first = await store.reports.publish(
      report(),
      NOW,
      'user:default/test',
    );
    const later = at('2026-01-06T00:00:00Z');
    const second = await store.reports.publish(
      report({
        repository: 'acme/infra',
        statuses: { terraform_plan: 1 },
        overallStatus: 'failing',
      }),
      later,
      'user:default/test',
    );
    expect(second.before).toEqual(first.report);
    expect(second.report).toMatchObject({
      id: first.report.id,
      overallStatus: 'failing',
      receivedAt: NOW.toISOString(),
      updatedAt: later.toISOString(),
    });
    expect(await knex('reports').select('id')).toHaveLength(1);
    expect(await knex('repositories').select('slug')).toEqual([
      { slug: 'acme/infra' },
    ]);
  });

  it('keeps exactly one row when the same build is published 20 times at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.reports.publish(
          report({ statuses: { tfsec: i % 2 } }),
          NOW,
          'user:default/test',
        ),
      ),
    );
    expect(new Set(results.map(r => r.report.id)).size).toBe(1);
    expect(results.filter(r => !r.before)).toHaveLength(1);
    expect(await knex('reports').select('id')).toHaveLength(1);
    expect(await knex('folders').select('id')).toHaveLength(1);
  });

  it('keeps the folder pointing at its latest report under concurrent publishes', async () => {
    await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        store.reports.publish(
          report({
            buildName: `b${i}`,
            createdAt: new Date(Date.UTC(2026, 0, 1, i)),
            overallStatus: i === 14 ? 'failing' : 'passing',
          }),
          NOW,
          'user:default/test',
        ),
      ),
    );
    const [folder] = (await store.repositories.listFolders({ limit: 10 }))
      .items;
    const latest = await store.reports.get(folder.latestBuildReportId!);
    expect(latest?.buildName).toBe('b14');
    expect(folder.overallStatus).toBe('failing');
  });

  describe('list', () => {
    beforeEach(async () => {
      const rows: Array<Partial<NewReport>> = [
        { buildName: 'deploy-1', createdAt: at('2026-01-01T01:00:00Z') },
        {
          buildName: 'deploy-2',
          createdAt: at('2026-01-02T01:00:00Z'),
          statuses: { tfsec: 1 },
          overallStatus: 'failing',
        },
        {
          buildName: 'PR-3 plan',
          reportType: 'test',
          createdAt: at('2026-01-03T01:00:00Z'),
          displayName: 'Fix 100% of it',
        },
        {
          buildName: 'deploy-4',
          folder: 'gcp',
          createdAt: at('2026-01-04T01:00:00Z'),
        },
        {
          buildName: 'x-1',
          repository: 'acme/other',
          createdAt: at('2026-01-05T01:00:00Z'),
          statuses: { tfsec: 1 },
          overallStatus: 'failing',
        },
      ];
      for (const r of rows) {
        await store.reports.publish(report(r), NOW, 'user:default/test');
      }
    });
    const names = (items: Array<{ buildName: string }>) =>
      items.map(r => r.buildName);

    it('orders newest run first and filters by repository, folder and type', async () => {
      expect(names((await store.reports.list({ limit: 50 })).items)).toEqual([
        'x-1',
        'deploy-4',
        'PR-3 plan',
        'deploy-2',
        'deploy-1',
      ]);
      const folder = await store.reports.list({
        repository: 'ACME/infra',
        folder: 'aws_us_east_1',
        reportType: 'build',
        limit: 7,
      });
      expect(names(folder.items)).toEqual(['deploy-2', 'deploy-1']);
      expect(folder.nextCursor).toBeUndefined();
      expect(
        (await store.reports.list({ repository: 'acme/none', limit: 5 })).items,
      ).toEqual([]);
      expect(
        (await store.reports.list({ folder: 'none', limit: 5 })).items,
      ).toEqual([]);
    });

    it('filters by verdict, by a status code, by time and by text', async () => {
      expect(
        names(
          (await store.reports.list({ overallStatus: 'failing', limit: 50 }))
            .items,
        ),
      ).toEqual(['x-1', 'deploy-2']);
      expect(
        names(
          (
            await store.reports.list({
              statusCode: { type: 'tfsec', code: 1 },
              repository: 'acme/infra',
              limit: 50,
            })
          ).items,
        ),
      ).toEqual(['deploy-2']);
      expect(
        names(
          (
            await store.reports.list({
              from: at('2026-01-02T01:00:00Z'),
              to: at('2026-01-04T01:00:00Z'),
              limit: 50,
            })
          ).items,
        ),
      ).toEqual(['PR-3 plan', 'deploy-2']);
      expect(
        names((await store.reports.list({ text: 'pr-3', limit: 50 })).items),
      ).toEqual(['PR-3 plan']);
      // wildcards in the text are literal
      expect(
        names((await store.reports.list({ text: '100%', limit: 50 })).items),
      ).toEqual(['PR-3 plan']);
      expect(
        (await store.reports.list({ text: '_', limit: 50 })).items,
      ).toEqual([]);
    });

    it('pages with a stable cursor, also across equal run times', async () => {
      await store.reports.publish(
        report({ buildName: 'same-a', createdAt: at('2026-01-03T01:00:00Z') }),
        NOW,
        'user:default/test',
      );
      await store.reports.publish(
        report({ buildName: 'same-b', createdAt: at('2026-01-03T01:00:00Z') }),
        NOW,
        'user:default/test',
      );
      const all = names((await store.reports.list({ limit: 50 })).items);
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.reports.list({ limit: 2, cursor });
        paged.push(...names(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(paged).toHaveLength(7);
    });
  });

  // The shared case table: local narrowing and the frontend's test fake
  // pass it too (plugins/tofui/src/lib/narrowLocally.test.ts).
  describe('summary filter cases', () => {
    beforeEach(async () => {
      for (const f of SUMMARY_CASE_FOLDERS) {
        for (const [reportType, run] of [
          ['build', f.build],
          ['test', f.test],
        ] as const) {
          if (run) {
            await store.reports.publish(
              report({
                repository: f.repository,
                folder: f.folder,
                reportType,
                buildName: run.buildName,
                overallStatus: run.overallStatus,
                createdAt: new Date(run.createdAt),
              }),
              NOW,
              'user:default/test',
            );
          }
        }
        if (f.repositoryDisplayName) {
          await store.repositories.register(
            {
              repository: f.repository,
              displayName: f.repositoryDisplayName,
              folders: [],
            },
            NOW,
          );
        }
      }
    });

    it('stores the folder verdicts the table gives', async () => {
      const { items } = await store.reports.summary({ limit: 100 });
      expect(
        items.map(i => [summaryCaseKey(i), i.overallStatus]).sort(),
      ).toEqual(
        SUMMARY_CASE_FOLDERS.map(f => [
          summaryCaseKey(f),
          f.overallStatus,
        ]).sort(),
      );
    });

    it.each(SUMMARY_FILTER_CASES.map(c => [c.name, c] as const))(
      '%s',
      async (_name, c) => {
        const { items } = await store.reports.summary({
          repository: c.query.repository,
          overallStatus: c.query.status,
          reportType: c.query.type,
          since: c.query.since ? new Date(c.query.since) : undefined,
          text: c.query.q,
          limit: 100,
        });
        expect(items.map(summaryCaseKey).sort()).toEqual([...c.folders].sort());
      },
    );
  });

  describe('summary', () => {
    beforeEach(async () => {
      // aws: older failing build, newer passing build, failing test -> failing
      await store.reports.publish(
        report({
          buildName: 'old',
          overallStatus: 'failing',
          createdAt: at('2026-01-01T00:00:00Z'),
        }),
        NOW,
        'user:default/test',
      );
      await store.reports.publish(
        report({ buildName: 'new', createdAt: at('2026-01-03T00:00:00Z') }),
        NOW,
        'user:default/test',
      );
      await store.reports.publish(
        report({
          buildName: 'pr-1',
          reportType: 'test',
          overallStatus: 'failing',
        }),
        NOW,
        'user:default/test',
      );
      await store.reports.publish(
        report({ folder: '_root', buildName: 'r1' }),
        NOW,
        'user:default/test',
      );
      await store.reports.publish(
        report({
          folder: 'eu',
          buildName: 'e1',
          createdAt: at('2026-01-01T00:00:00Z'),
        }),
        NOW,
        'user:default/test',
      );
      await store.reports.publish(
        report({
          folder: 'eu',
          buildName: 'e2',
          overallStatus: 'unknown',
          createdAt: at('2026-01-02T00:00:00Z'),
        }),
        NOW,
        'user:default/test',
      );
      await store.reports.publish(
        report({ repository: 'acme/net', folder: 'core', buildName: 'n1' }),
        NOW,
        'user:default/test',
      );
      await store.repositories.register(
        {
          repository: 'acme/net',
          displayName: 'Networking',
          entityRef: 'component:default/networking',
          folders: [],
        },
        NOW,
      );
    });
    const rows = (
      items: Array<{
        repository: string;
        folder: string;
        overallStatus: string;
      }>,
    ) => items.map(s => `${s.repository}:${s.folder}:${s.overallStatus}`);

    it('gives the latest build and test per folder, failing first, with counts', async () => {
      const summary = await store.reports.summary({ limit: 100 });
      expect(rows(summary.items)).toEqual([
        'Acme/Infra:aws_us_east_1:failing',
        'Acme/Infra:eu:unknown',
        'Acme/Infra:_root:passing',
        'acme/net:core:passing',
      ]);
      expect(summary.items[0]).toMatchObject({
        latestBuild: { buildName: 'new' },
        latestTest: { buildName: 'pr-1' },
      });
      expect(summary.items[3]).toMatchObject({
        repositoryDisplayName: 'Networking',
        entityRef: 'component:default/networking',
      });
      expect(summary.counts).toEqual({
        failing: 1,
        unknown: 1,
        passing: 2,
        total: 4,
      });
    });

    it('filters by repository, entity, verdict and text, and pages', async () => {
      expect(
        rows(
          (await store.reports.summary({ repository: 'ACME/NET', limit: 9 }))
            .items,
        ),
      ).toEqual(['acme/net:core:passing']);
      expect(
        rows(
          (
            await store.reports.summary({
              entityRef: 'component:default/networking',
              limit: 9,
            })
          ).items,
        ),
      ).toEqual(['acme/net:core:passing']);
      const passing = await store.reports.summary({
        overallStatus: 'passing',
        limit: 9,
      });
      expect(rows(passing.items)).toEqual([
        'Acme/Infra:_root:passing',
        'acme/net:core:passing',
      ]);
      expect(passing.counts.total).toBe(2);
      expect(
        rows((await store.reports.summary({ text: 'EU', limit: 9 })).items),
      ).toEqual(['Acme/Infra:eu:unknown']);

      const first = await store.reports.summary({ limit: 3 });
      expect(first.items).toHaveLength(3);
      expect(first.counts.total).toBe(4);
      const second = await store.reports.summary({
        limit: 3,
        cursor: first.nextCursor,
      });
      expect(rows(second.items)).toEqual(['acme/net:core:passing']);
      expect(second.nextCursor).toBeUndefined();
    });

    it('follows deletes and updates', async () => {
      const newest = (
        await store.reports.list({
          folder: 'aws_us_east_1',
          reportType: 'build',
          limit: 1,
        })
      ).items[0];
      await store.reports.delete(newest.id);
      let summary = await store.reports.summary({
        repository: 'acme/infra',
        limit: 9,
      });
      expect(summary.items[0]).toMatchObject({
        folder: 'aws_us_east_1',
        latestBuild: { buildName: 'old' },
      });

      const test = (await store.reports.list({ reportType: 'test', limit: 1 }))
        .items[0];
      await store.reports.update(
        test.id,
        {
          statuses: { terraform_plan: 0 },
          overallStatus: 'passing',
          metadata: {},
          createdAt: new Date(test.createdAt),
        },
        NOW,
      );
      const oldBuild = (await store.reports.list({ text: 'old', limit: 1 }))
        .items[0];
      await store.reports.update(
        oldBuild.id,
        {
          statuses: { terraform_plan: 0 },
          overallStatus: 'passing',
          metadata: {},
          createdAt: new Date(oldBuild.createdAt),
        },
        NOW,
      );
      summary = await store.reports.summary({
        repository: 'acme/infra',
        limit: 9,
      });
      expect(rows(summary.items)).toEqual([
        'Acme/Infra:eu:unknown',
        'Acme/Infra:_root:passing',
        'Acme/Infra:aws_us_east_1:passing',
      ]);
    });

    it('judges by one report type when asked, and filters by time', async () => {
      const tests = await store.reports.summary({
        reportType: 'test',
        limit: 9,
      });
      expect(rows(tests.items)).toEqual(['Acme/Infra:aws_us_east_1:failing']);
      expect(tests.counts).toEqual({
        failing: 1,
        unknown: 0,
        passing: 0,
        total: 1,
      });

      // The aws folder fails on its test, but its latest build passes.
      const passingBuilds = await store.reports.summary({
        reportType: 'build',
        overallStatus: 'passing',
        limit: 9,
      });
      expect(passingBuilds.items.map(i => i.folder).sort()).toEqual([
        '_root',
        'aws_us_east_1',
        'core',
      ]);
      expect(passingBuilds.counts.total).toBe(3);

      const recent = await store.reports.summary({
        since: at('2026-01-02T00:00:00Z'),
        limit: 9,
      });
      expect(rows(recent.items)).toEqual([
        'Acme/Infra:aws_us_east_1:failing',
        'Acme/Infra:eu:unknown',
      ]);
      // The latest test of aws is older than the date: no test matches.
      expect(
        (
          await store.reports.summary({
            reportType: 'test',
            since: at('2026-01-02T00:00:00Z'),
            limit: 9,
          })
        ).items,
      ).toEqual([]);
    });

    const pagedSummary = async (sort: 'status' | 'name' | 'recent') => {
      const all = rows((await store.reports.summary({ sort, limit: 9 })).items);
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.reports.summary({ sort, limit: 1, cursor });
        paged.push(...rows(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      return { all, paged };
    };

    it('pages the status order by keyset without gaps or repeats', async () => {
      const { all, paged } = await pagedSummary('status');
      expect(all).toHaveLength(4);
      expect(paged).toEqual(all);
    });

    it('orders by name, paging by keyset', async () => {
      const { all, paged } = await pagedSummary('name');
      expect(paged).toEqual(all);
      expect(all.slice(0, 3).every(r => r.startsWith('Acme/Infra:'))).toBe(
        true,
      );
      expect(all[3]).toBe('acme/net:core:passing');
    });

    it('orders by latest run, newest first, paging by keyset', async () => {
      const { all, paged } = await pagedSummary('recent');
      expect(paged).toEqual(all);
      expect(all).toEqual([
        'Acme/Infra:aws_us_east_1:failing', // build of Jan 3
        'Acme/Infra:eu:unknown', // Jan 2
        'Acme/Infra:_root:passing', // Jan 1, 10:00, then by name
        'acme/net:core:passing',
      ]);
    });

    it('narrows to a scope of repositories and folders', async () => {
      const scoped = await store.reports.summary({
        scope: {
          repositories: ['ACME/net'],
          folders: [{ repository: 'acme/infra', folders: ['eu'] }],
        },
        limit: 9,
      });
      expect(rows(scoped.items)).toEqual([
        'Acme/Infra:eu:unknown',
        'acme/net:core:passing',
      ]);
      expect(scoped.counts.total).toBe(2);
      const nothing = await store.reports.summary({
        scope: { repositories: [], folders: [] },
        limit: 9,
      });
      expect(nothing.items).toEqual([]);
      expect(nothing.counts.total).toBe(0);
    });

    it('aggregates insights per UTC day in the database', async () => {
      const insights = await store.reports.insights({
        from: at('2026-01-01T00:00:00Z'),
        to: at('2026-01-04T00:00:00Z'),
        top: 5,
      });
      expect(insights.days).toEqual([
        {
          day: '2026-01-01',
          build: 4,
          test: 1,
          passing: 3,
          failing: 2,
          unknown: 0,
        },
        {
          day: '2026-01-02',
          build: 1,
          test: 0,
          passing: 0,
          failing: 0,
          unknown: 1,
        },
        {
          day: '2026-01-03',
          build: 1,
          test: 0,
          passing: 1,
          failing: 0,
          unknown: 0,
        },
      ]);
      expect(insights.totals).toEqual({
        reports: 7,
        activeRepositories: 2,
        activeFolders: 4,
        passRate: 4 / 6,
        failingFolders: 1,
        folders: 4,
      });
      expect(insights.repositories).toEqual([
        { repository: 'Acme/Infra', reports: 6, failing: 2 },
        { repository: 'acme/net', reports: 1, failing: 0 },
      ]);
      expect(insights.folders).toEqual([
        {
          repository: 'Acme/Infra',
          folder: 'aws_us_east_1',
          failing: 2,
          reports: 3,
          overallStatus: 'failing',
        },
      ]);

      const later = await store.reports.insights({
        from: at('2026-01-02T00:00:00Z'),
        to: at('2026-01-04T00:00:00Z'),
        repository: 'acme/infra',
        top: 5,
      });
      // no folder failed: the active counts still come (the row of nulls)
      expect(later.totals).toMatchObject({
        reports: 2,
        passRate: 1,
        activeRepositories: 1,
        activeFolders: 2,
      });
      expect(later.folders).toEqual([]);
      const empty = await store.reports.insights({
        from: at('2025-01-01T00:00:00Z'),
        to: at('2025-01-02T00:00:00Z'),
        top: 5,
      });
      expect(empty.totals.passRate).toBeNull();
      expect(empty.days).toEqual([
        {
          day: '2025-01-01',
          build: 0,
          test: 0,
          passing: 0,
          failing: 0,
          unknown: 0,
        },
      ]);
    });
  });

  it('keeps the insights rollups equal to the reports through every write, and backfills them', async () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    /** What the rollups must hold: counted from the reports themselves. */
    const fromReports = async () => {
      const counts = new Map<string, Record<string, number>>();
      for (const row of await knex('reports').select(
        'folder_id',
        'report_type',
        'overall_status',
        'created_at',
      )) {
        const createdAt = new Date(
          typeof row.created_at === 'string'
            ? Number(row.created_at)
            : row.created_at,
        );
        const key = `${day(createdAt)}|${row.folder_id}`;
        const c = counts.get(key) ?? {
          reports: 0,
          builds: 0,
          passing: 0,
          failing: 0,
          unknown: 0,
        };
        c.reports += 1;
        if (row.report_type === 'build') c.builds += 1;
        c[row.overall_status] += 1;
        counts.set(key, c);
      }
      return Object.fromEntries([...counts].sort());
    };
    const rollups = async () =>
      Object.fromEntries(
        (
          await knex('report_rollups')
            .where('reports', '>', 0)
            .orderBy(['day', 'folder_id'])
        ).map(r => [
          `${r.day}|${r.folder_id}`,
          {
            reports: Number(r.reports),
            builds: Number(r.builds),
            passing: Number(r.passing),
            failing: Number(r.failing),
            unknown: Number(r.unknown),
          },
        ]),
      );
    const publish = (overrides: Partial<NewReport>) =>
      store.reports.publish(report(overrides), NOW, 'ci');
    // On Postgres the day compares bytewise and the folder index covers the
    // ranking's counts (20261204090000): the window's reads are the cost.
    const pg = knex.client.config.client === 'pg';
    const folderIndex = pg
      ? (
          await knex.raw(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'report_rollups_folder_idx'",
          )
        ).rows[0].indexdef
      : (
          await knex('sqlite_master')
            .where({ name: 'report_rollups_folder_idx' })
            .first('sql')
        ).sql;
    const dayCollation = pg
      ? (
          await knex.raw(
            "SELECT collation_name FROM information_schema.columns WHERE table_name = 'report_rollups' AND column_name = 'day'",
          )
        ).rows[0].collation_name
      : undefined;
    expect({
      covering: (folderIndex as string).includes('INCLUDE (reports, failing)'),
      dayCollation,
    }).toEqual({ covering: pg, dayCollation: pg ? 'C' : undefined });

    const a = await publish({ buildName: 'a' });
    await publish({ buildName: 'b', reportType: 'test', folder: 'eu' });
    await publish({
      buildName: 'c',
      overallStatus: 'failing',
      createdAt: at('2026-01-02T23:59:59Z'),
    });
    expect(Object.keys(await rollups())).toHaveLength(3);
    expect(await rollups()).toEqual(await fromReports());
    // republished: another day and verdict
    await publish({
      buildName: 'a',
      overallStatus: 'unknown',
      createdAt: at('2026-01-03T00:00:00Z'),
    });
    expect(await rollups()).toEqual(await fromReports());
    // verdicts recomputed, a report edited, one deleted
    await store.reports.setOverallStatus([a.report.id], 'failing');
    expect(await rollups()).toEqual(await fromReports());
    await store.reports.delete(a.report.id);
    expect(await rollups()).toEqual(await fromReports());
    expect(
      (
        await store.reports.insights({
          from: at('2026-01-01T00:00:00Z'),
          to: at('2026-01-04T00:00:00Z'),
          top: 5,
        })
      ).totals,
    ).toMatchObject({ reports: 2, activeFolders: 2, passRate: 1 / 2 });

    // the migration counts the reports already there
    const name = '20261202120000_report_rollups.js';
    await knex.migrate.down({ directory: migrationsDir, name });
    await publish({ buildName: 'while-down', folder: 'new' });
    await knex.migrate.up({ directory: migrationsDir, name });
    expect(Object.keys(await rollups())).toHaveLength(3);
    expect(await rollups()).toEqual(await fromReports());
  });

  it('lists the artifacts of reports written since a time, most recent first', async () => {
    const html = (key: string) => ({
      key,
      size: 3,
      sha256: 'abc',
      contentType: 'text/html',
    });
    await store.reports.publish(
      report({ buildName: 'old', artifacts: { html: html('k/old.html') } }),
      at('2026-01-01T00:00:00Z'),
      'ci',
    );
    await store.reports.publish(
      report({ buildName: 'bare' }),
      at('2026-01-05T01:00:00Z'),
      'ci',
    );
    await store.reports.publish(
      report({
        buildName: 'a',
        artifacts: { html: html('k/a.html'), log: html('k/a.log') },
      }),
      at('2026-01-05T02:00:00Z'),
      'ci',
    );
    const b = await store.reports.publish(
      report({ buildName: 'b', artifacts: { html: html('k/b.html') } }),
      at('2026-01-05T03:00:00Z'),
      'ci',
    );
    // republished later: listed by its last write
    await store.reports.publish(
      report({ buildName: 'a', artifacts: { html: html('k/a2.html') } }),
      at('2026-01-05T04:00:00Z'),
      'ci',
    );

    const recent = await store.reports.listRecentArtifacts(
      at('2026-01-05T00:00:00Z'),
      10,
    );
    expect(
      recent.map(r => [r.updatedAt.toISOString(), r.artifacts.html?.key]),
    ).toEqual([
      ['2026-01-05T04:00:00.000Z', 'k/a2.html'],
      ['2026-01-05T03:00:00.000Z', 'k/b.html'],
    ]);
    expect(recent[1].id).toBe(b.report.id);
    expect(
      await store.reports.listRecentArtifacts(at('2026-01-05T00:00:00Z'), 1),
    ).toHaveLength(1);
    expect(
      await store.reports.listRecentArtifacts(at('2026-01-06T00:00:00Z'), 10),
    ).toEqual([]);
  });

  it('rejects a tampered cursor with an InputError', async () => {
    await expect(
      store.reports.list({ limit: 5, cursor: 'bm9wZQ' }),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});
