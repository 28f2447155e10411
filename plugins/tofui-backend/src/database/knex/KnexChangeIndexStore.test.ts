import { mockServices } from '@backstage/backend-test-utils';
import type { ReportType } from '@tofui/backstage-plugin-tofui-common';
import type { Knex } from 'knex';
import { change, plan } from '../../__testUtils__/plans';
import {
  clearTables,
  createTestDatabases,
} from '../../__testUtils__/testServices';
import { addressGlob } from '../../changes/addressGlob';
import { planChanges } from '../../changes/planChanges';
import type { Plan } from '@tofui/report';
import { KnexTofuiStore } from '../KnexTofuiStore';
import { TEXT_FILTER_SCAN } from './changeQuery';
import { toDate } from './rows';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-03-01T00:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

const ROLE = change(
  'module.net.aws_iam_role.ci',
  ['delete'],
  { name: 'ci', tags: { Team: 'net' } },
  null,
);
const BUCKET = change(
  'aws_s3_bucket.logs',
  ['update'],
  { tags: { Team: 'a' }, acl: 'private' },
  { tags: { Team: 'b' }, acl: 'private' },
);
const SG_DRIFT = change('aws_sg.web', ['update'], { port: 22 }, { port: 23 });

describe.each(databases.eachSupportedId())('change index on %s', id => {
  let knex: Knex;
  let store: KnexTofuiStore;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await KnexTofuiStore.create(mockServices.database({ knex }));
  });
  beforeEach(async () => {
    await clearTables(knex);
  });

  /** Publishes a report with a plan of this sha and indexes `p`. */
  async function publish(options: {
    repository?: string;
    folder?: string;
    type?: ReportType;
    build: string;
    when: Date;
    plan?: Plan;
    sha?: string;
    branch?: string;
    overallStatus?: 'passing' | 'failing';
  }) {
    const sha = options.sha ?? `sha-${options.build}`;
    const { report } = await store.reports.publish(
      {
        repository: options.repository ?? 'acme/infra',
        folder: options.folder ?? 'net',
        reportType: options.type ?? 'test',
        buildName: options.build,
        statuses: {},
        overallStatus: options.overallStatus ?? 'passing',
        metadata: { branch: options.branch ?? 'main', actor: 'alice' },
        artifacts: options.plan
          ? {
              plan: {
                key: `k/${options.build}`,
                size: 1,
                sha256: sha,
                contentType: 'application/json',
              },
            }
          : {},
        createdAt: options.when,
      },
      options.when,
      'test',
    );
    if (options.plan) {
      expect(
        await store.changes.replaceForReport(
          report.id,
          sha,
          planChanges(options.plan),
        ),
      ).toBe(true);
    }
    return report.id;
  }

  const addresses = async (
    filter: Partial<Parameters<typeof store.changes.search>[0]>,
  ) =>
    (await store.changes.search({ limit: 100, ...filter })).items.map(
      i => `${i.address}:${i.action}`,
    );

  it('writes one row per change with the report fields; a republish replaces them; a delete removes them', async () => {
    const reportId = await publish({
      build: 'b1',
      when: at(0),
      plan: plan([ROLE, BUCKET]),
    });
    const { items } = await store.changes.search({ limit: 10 });
    expect(items).toHaveLength(2);
    expect(items.find(i => i.action === 'delete')).toMatchObject({
      reportId,
      repository: 'acme/infra',
      folder: 'net',
      address: 'module.net.aws_iam_role.ci',
      module: 'module.net',
      type: 'aws_iam_role',
      attributes: ['name', 'tags.Team'],
      reportType: 'test',
      buildName: 'b1',
      branch: 'main',
      actor: 'alice',
      drift: false,
      createdAt: at(0).toISOString(),
    });
    // a stale plan (the report has another) writes nothing
    expect(await store.changes.replaceForReport(reportId, 'other', [])).toBe(
      false,
    );
    expect(await addresses({})).toHaveLength(2);

    await publish({
      build: 'b1',
      when: at(0),
      plan: plan([BUCKET]),
      sha: 's2',
    });
    expect(await addresses({})).toEqual(['aws_s3_bucket.logs:update']);

    await store.reports.delete(reportId);
    expect(await addresses({})).toEqual([]);
  });

  it('filters by action, address glob, attribute, type, repository, time and access; pages newest first', async () => {
    await publish({ build: 'b1', when: at(0), plan: plan([ROLE, BUCKET]) });
    await publish({
      repository: 'acme/other',
      folder: 'app',
      build: 'b2',
      when: at(1),
      plan: plan([
        change('aws_iam_role.app', ['create'], null, { name: 'app' }),
        change('aws_iam_role.old', ['update'], { name: 'x' }, { name: 'y' }),
      ]),
    });
    expect(await addresses({ actions: ['delete', 'create'] })).toEqual([
      'aws_iam_role.app:create',
      'module.net.aws_iam_role.ci:delete',
    ]);
    expect(await addresses({ address: 'aws_iam_role.*' })).toEqual([
      'aws_iam_role.old:update',
      'aws_iam_role.app:create',
    ]);
    // `**.` spans any number of modules, none included
    expect(await addresses({ address: '**.aws_iam_role.*' })).toEqual([
      'aws_iam_role.old:update',
      'aws_iam_role.app:create',
      'module.net.aws_iam_role.ci:delete',
    ]);
    expect(await addresses({ address: 'module.**.aws_iam_role.*' })).toEqual([
      'module.net.aws_iam_role.ci:delete',
    ]);
    expect(await addresses({ attribute: 'tags.Team' })).toEqual([
      'aws_s3_bucket.logs:update',
      'module.net.aws_iam_role.ci:delete',
    ]);
    expect(await addresses({ attribute: 'tags' })).toHaveLength(2);
    expect(await addresses({ attribute: 'tags.team' })).toEqual([]);
    // LIKE wildcards in a path are literal
    expect(await addresses({ attribute: 'tag%' })).toEqual([]);
    expect(await addresses({ attribute: 'tags_Team' })).toEqual([]);
    expect(await addresses({ type: 'aws_s3_bucket' })).toEqual([
      'aws_s3_bucket.logs:update',
    ]);
    expect(await addresses({ repository: 'Acme/Infra' })).toHaveLength(2);
    expect(await addresses({ since: at(1) })).toHaveLength(2);
    expect(await addresses({ until: at(1) })).toHaveLength(2);
    expect(
      await addresses({ access: { repositories: ['acme/other'] } }),
    ).toHaveLength(2);
    expect(
      await addresses({
        scope: {
          repositories: [],
          folders: [{ repository: 'acme/infra', folders: ['net'] }],
        },
      }),
    ).toHaveLength(2);
    expect(
      await addresses({
        scope: { repositories: ['Acme/Other'], folders: [] },
        actions: ['create'],
      }),
    ).toEqual(['aws_iam_role.app:create']);
    expect(
      await addresses({ scope: { repositories: [], folders: [] } }),
    ).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.changes.search({ limit: 1, cursor });
      seen.push(...page.items.map(i => i.address));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...(await addresses({})).map(a => a.split(':')[0])]);
    expect(seen).toHaveLength(4);

    // Text filters within a scope of repositories and folders, with an
    // access condition on repositories (Postgres: each repository's and
    // folder's rows filtered as its index is walked, then merged)
    const both = {
      repositories: ['acme/other'],
      folders: [{ repository: 'acme/infra', folders: ['net'] }],
    };
    expect(
      await addresses({ scope: both, address: '**.aws_iam_role.*' }),
    ).toEqual([
      'aws_iam_role.old:update',
      'aws_iam_role.app:create',
      'module.net.aws_iam_role.ci:delete',
    ]);
    expect(
      await addresses({
        scope: both,
        address: '**.aws_iam_role.*',
        actions: ['delete', 'create'],
      }),
    ).toEqual(['aws_iam_role.app:create', 'module.net.aws_iam_role.ci:delete']);
    expect(
      await addresses({
        scope: both,
        attribute: 'tags',
        access: { repositories: ['acme/infra'] },
      }),
    ).toEqual([
      'aws_s3_bucket.logs:update',
      'module.net.aws_iam_role.ci:delete',
    ]);
    expect(
      await addresses({
        scope: both,
        address: 'aws_iam_role.*',
        access: { repositories: ['acme/infra'] },
      }),
    ).toEqual([]);
    const scoped: string[] = [];
    cursor = undefined;
    do {
      const page = await store.changes.search({
        limit: 1,
        cursor,
        scope: both,
        address: '**.aws_iam_role.*',
      });
      scoped.push(...page.items.map(i => i.address));
      cursor = page.nextCursor;
    } while (cursor);
    expect(scoped).toEqual([
      'aws_iam_role.old',
      'aws_iam_role.app',
      'module.net.aws_iam_role.ci',
    ]);

    // Postgres reads text filters' rows in rounds, then leaves rare ones to
    // the planner: with rounds of one row, every path answers the same.
    const textFiltered = [
      { address: 'aws_iam_role.*' },
      { address: '**.aws_iam_role.*' },
      { attribute: 'tags' },
      { attribute: 'tags', actions: ['delete' as const] },
      { address: '**', attribute: 'name' },
      {
        address: 'aws_iam_role.*',
        scope: { repositories: ['acme/other'], folders: [] },
      },
      {
        attribute: 'tags',
        scope: {
          repositories: [],
          folders: [{ repository: 'acme/infra', folders: ['net'] }],
        },
      },
    ];
    const expected = await Promise.all(textFiltered.map(f => addresses(f)));
    const defaults = { ...TEXT_FILTER_SCAN };
    try {
      for (const rounds of [1, 2, 10]) {
        Object.assign(TEXT_FILTER_SCAN, { rows: 1, growth: 2, rounds });
        expect(await Promise.all(textFiltered.map(f => addresses(f)))).toEqual(
          expected,
        );
        const page1 = await store.changes.search({
          limit: 1,
          attribute: 'tags',
        });
        const page2 = await store.changes.search({
          limit: 5,
          attribute: 'tags',
          cursor: page1.nextCursor,
        });
        expect([...page1.items, ...page2.items].map(i => i.address)).toEqual(
          expected[2].map(a => a.split(':')[0]),
        );
      }
    } finally {
      Object.assign(TEXT_FILTER_SCAN, defaults);
    }
    // a glob read in code on SQLite pages the same way
    const first = await store.changes.search({ limit: 1, address: '**' });
    const second = await store.changes.search({
      limit: 10,
      address: '**',
      cursor: first.nextCursor,
    });
    expect(second.items).toHaveLength(3);
  });

  it("takes a row's run fields from the report's metadata; an empty plan leaves none", async () => {
    const sha = 'sha-pr';
    const { report } = await store.reports.publish(
      {
        repository: 'acme/infra',
        folder: 'net',
        reportType: 'test',
        buildName: 'pr-7',
        statuses: {},
        overallStatus: 'passing',
        metadata: {
          branch: 'feature',
          pullRequest: 7,
          actor: 'bob',
          commitSha: 'abc123',
        },
        artifacts: {
          plan: {
            key: 'k/pr',
            size: 1,
            sha256: sha,
            contentType: 'application/json',
          },
        },
        createdAt: at(0),
      },
      at(0),
      'test',
    );
    const changes = planChanges(plan([ROLE]));
    expect(await store.changes.replaceForReport(report.id, sha, changes)).toBe(
      true,
    );
    const row = await knex('resource_changes').first();
    expect(row).toMatchObject({
      report_id: report.id,
      build_name: 'pr-7',
      report_type: 'test',
      branch: 'feature',
      pull_request: 7,
      actor: 'bob',
      commit_sha: 'abc123',
      forcing: null,
      attributes: JSON.stringify(['name', 'tags.Team']),
    });
    expect(toDate(row.created_at).toISOString()).toBe(at(0).toISOString());
    expect(await store.changes.replaceForReport(report.id, sha, [])).toBe(true);
    expect(await addresses({})).toEqual([]);
  });

  it('drops a drift entry when the build that showed it is republished without it, whatever else the folder has', async () => {
    await publish({ build: 'p1', when: at(0), plan: plan([], [SG_DRIFT]) });
    expect(
      (await store.changes.drift({ limit: 10, now: at(1) })).items,
    ).toHaveLength(1);
    // a plan of another folder, without drift: this folder's ledger stays
    await publish({
      build: 'o1',
      folder: 'other',
      when: at(1),
      plan: plan([BUCKET]),
    });
    expect(
      (await store.changes.drift({ limit: 10, now: at(2) })).items,
    ).toMatchObject([{ address: 'aws_sg.web', state: 'open' }]);
    // the same build republished with a plan that no longer shows it
    await publish({
      build: 'p1',
      when: at(0),
      plan: plan([BUCKET]),
      sha: 's2',
    });
    expect(await store.changes.drift({ limit: 10, now: at(2) })).toEqual({
      items: [],
    });
    expect(await addresses({})).toEqual([
      'aws_s3_bucket.logs:update',
      'aws_s3_bucket.logs:update',
    ]);
  });

  it('keeps a drift ledger: opened, counted, chronic, closed by a later plan without it', async () => {
    await publish({ build: 'p1', when: at(0), plan: plan([], [SG_DRIFT]) });
    await publish({ build: 'p2', when: at(1), plan: plan([], [SG_DRIFT]) });
    // a republish counts once
    await publish({
      build: 'p2',
      when: at(1),
      plan: plan([], [SG_DRIFT]),
      sha: 'again',
    });
    // the folder's owners, as the catalog sync maps entities onto folders
    await store.mappings.replaceAll(
      [
        {
          entityRef: 'component:default/net',
          repository: 'acme/infra',
          folderPatterns: ['n*'],
          ownerRefs: ['group:default/team-net', 'user:default/pat'],
        },
      ],
      at(1),
    );
    let [entry] = (await store.changes.drift({ limit: 10, now: at(2) })).items;
    expect(entry).toMatchObject({
      repository: 'acme/infra',
      folder: 'net',
      address: 'aws_sg.web',
      state: 'open',
      occurrences: 2,
      attributes: ['port'],
      chronic: false,
      owners: ['group:default/team-net', 'user:default/pat'],
      firstSeenAt: at(0).toISOString(),
      lastSeenAt: at(1).toISOString(),
    });
    await publish({ build: 'p3', when: at(2), plan: plan([], [SG_DRIFT]) });
    [entry] = (await store.changes.drift({ limit: 10, now: at(3) })).items;
    expect(entry).toMatchObject({ occurrences: 3, chronic: true });
    expect(
      (await store.changes.drift({ limit: 10, now: at(40) })).items[0].chronic,
    ).toBe(false);

    await publish({ build: 'p4', when: at(3), plan: plan([BUCKET]) });
    [entry] = (await store.changes.drift({ limit: 10, now: at(4) })).items;
    expect(entry).toMatchObject({
      state: 'closed',
      closedAt: at(3).toISOString(),
    });
    expect(
      (await store.changes.drift({ limit: 10, now: at(4), state: 'open' }))
        .items,
    ).toEqual([]);
    expect(
      (
        await store.changes.drift({
          limit: 10,
          now: at(4),
          access: { repositories: ['acme/other'] },
        })
      ).items,
    ).toEqual([]);
  });

  it("lists chronic drift first, page by page, judged at the first page's time", async () => {
    // folder a: drifted once (oldest); b: 3 times, the third latest on day 1
    // (chronic until day 31); c: once; d: 3 times from day 6 (until day 36)
    const showings: Record<string, number[]> = {
      a: [0],
      b: [1, 3, 5],
      c: [2],
      d: [6, 8, 10],
    };
    for (const [folder, days] of Object.entries(showings)) {
      for (const day of days) {
        await publish({
          folder,
          build: `${folder}-${day}`,
          when: at(day),
          plan: plan([], [SG_DRIFT]),
        });
      }
    }
    const folders = async (
      filter: Partial<Parameters<typeof store.changes.drift>[0]>,
    ) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.changes.drift({
          limit: 1,
          now: at(10),
          ...filter,
          // later pages are judged at the cursor's time, not this one
          ...(cursor && { now: at(40), cursor }),
        });
        seen.push(...page.items.map(i => `${i.folder}${i.chronic ? '!' : ''}`));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await folders({})).toEqual(['a', 'b!', 'c', 'd!']);
    expect(await folders({ order: 'chronic' })).toEqual(['b!', 'd!', 'a', 'c']);
    // on day 34 only d is still chronic
    expect(await folders({ order: 'chronic', now: at(34) })).toEqual([
      'd!',
      'a',
      'b',
      'c',
    ]);
    // a page that ends the chronic entries continues with the others
    const first = await store.changes.drift({
      limit: 2,
      now: at(10),
      order: 'chronic',
    });
    expect(first.items.map(i => i.folder)).toEqual(['b', 'd']);
    const second = await store.changes.drift({
      limit: 5,
      now: at(10),
      order: 'chronic',
      cursor: first.nextCursor,
    });
    expect(second.items.map(i => i.folder)).toEqual(['a', 'c']);
    expect(second.nextCursor).toBeUndefined();
    await expect(
      store.changes.drift({ limit: 1, now: at(10), cursor: 'bm9wZQ' }),
    ).rejects.toThrow('cursor is invalid');

    // the migration that added chronic_until computes it for existing entries
    const migration = require('../../../migrations/20261203090000_drift_chronic_until.js');
    await migration.down(knex);
    await migration.up(knex);
    expect(await folders({ order: 'chronic', now: at(34) })).toEqual([
      'd!',
      'a',
      'b',
      'c',
    ]);
  });

  it('narrows changes, drift and pending plans to the folders an entity covers', async () => {
    await publish({
      folder: 'net',
      build: 'n1',
      when: at(0),
      plan: plan([BUCKET], [SG_DRIFT]),
    });
    await publish({
      folder: 'dns',
      build: 'd1',
      when: at(1),
      plan: plan([ROLE], [SG_DRIFT]),
    });
    await publish({
      folder: 'app',
      build: 'a1',
      when: at(2),
      plan: plan([BUCKET], [SG_DRIFT]),
    });
    await publish({
      repository: 'acme/other',
      folder: 'net',
      build: 'o1',
      when: at(3),
      plan: plan([BUCKET]),
    });
    await store.mappings.replaceAll(
      [
        {
          entityRef: 'component:default/network',
          repository: 'acme/infra',
          folderPatterns: ['n*', 'dns'],
          ownerRefs: [],
        },
        {
          entityRef: 'component:default/other',
          repository: 'acme/other',
          ownerRefs: [],
        },
      ],
      at(3),
    );
    const network = await store.mappings.scopeOf('Component:default/Network');
    expect(network).toEqual({
      repositories: [],
      folders: [{ repository: 'acme/infra', folders: ['dns', 'net'] }],
    });
    expect(await store.mappings.scopeOf('component:default/other')).toEqual({
      repositories: ['acme/other'],
      folders: [],
    });
    expect(await store.mappings.scopeOf('component:default/unknown')).toEqual({
      repositories: [],
      folders: [],
    });

    const inScope = async (scope: typeof network) => ({
      changes: (await store.changes.search({ limit: 10, scope })).items
        .map(i => `${i.repository}/${i.folder}`)
        .sort(),
      drift: (await store.changes.drift({ limit: 10, now: at(4), scope })).items
        .map(i => i.folder)
        .sort(),
      pending: (
        await store.changes.pending({ limit: 10, now: at(4), scope })
      ).items
        .map(i => `${i.repository}/${i.folder}`)
        .sort(),
    });
    expect(await inScope(network)).toEqual({
      changes: [
        'acme/infra/dns',
        'acme/infra/dns',
        'acme/infra/net',
        'acme/infra/net',
      ],
      drift: ['dns', 'net'],
      pending: ['acme/infra/dns', 'acme/infra/net'],
    });
    expect(
      await inScope(await store.mappings.scopeOf('component:default/unknown')),
    ).toEqual({ changes: [], drift: [], pending: [] });
  });

  it('serves address globs and attribute filters from trigram and covering indexes on Postgres, and migrates without pg_trgm', async () => {
    if (!id.startsWith('POSTGRES')) {
      return; // SQLite has no such index: the filters read in (created_at, id) order
    }
    const indexes = await knex('pg_indexes')
      .where({ tablename: 'resource_changes' })
      .pluck('indexname');
    expect(indexes).toEqual(
      expect.arrayContaining([
        'resource_changes_address_trgm_idx',
        'resource_changes_attributes_trgm_idx',
      ]),
    );
    // The predicates the search gives the planner once a filter proves rare
    // (changeQuery's scanThenSearch), with the other plans ruled out.
    const explain = (where: string, binding: string) =>
      knex.transaction(async tx => {
        await tx.raw('SET LOCAL enable_seqscan = off');
        await tx.raw('SET LOCAL enable_indexscan = off');
        const { rows } = await tx.raw(
          `EXPLAIN SELECT * FROM resource_changes rc WHERE ${where}
           ORDER BY rc.created_at DESC, rc.id DESC LIMIT 51`,
          [binding],
        );
        return rows
          .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
          .join('\n');
      });
    expect(
      await explain(
        'rc.address ~ ?',
        addressGlob('module.net.aws_iam_role.*').regex,
      ),
    ).toContain('resource_changes_address_trgm_idx');
    expect(
      await explain(`rc.attributes LIKE ? ESCAPE '\\'`, '%"tags.Team"%'),
    ).toContain('resource_changes_attributes_trgm_idx');

    // An owner's repositories with an address glob, an action and an
    // attribute: answered from the covering index alone, the rows read
    // only for the page (migration 20261202140000)
    await publish({ build: 'b1', when: at(0), plan: plan([ROLE, BUCKET]) });
    const searches: Array<{ sql: string; bindings: unknown[] }> = [];
    const record = (q: { sql: string; bindings: unknown[] }) => {
      if (q.sql.includes('resource_changes')) searches.push(q);
    };
    knex.on('query', record);
    try {
      await store.changes.search({
        limit: 50,
        scope: { repositories: ['acme/infra'], folders: [] },
        address: '**.aws_iam_role.*',
        actions: ['delete'],
        attribute: 'tags.Team',
      });
    } finally {
      knex.removeListener('query', record);
    }
    // vacuumed, as a live table mostly is (the rows' pages all visible),
    // and with the plans that suit a table of few rows ruled out
    await knex.raw('VACUUM ANALYZE resource_changes');
    const scopedPlan = await knex.transaction(async tx => {
      await tx.raw('SET LOCAL enable_seqscan = off');
      await tx.raw('SET LOCAL enable_bitmapscan = off');
      const { sql, bindings } = searches[searches.length - 1];
      const { rows } = await tx.raw(
        `EXPLAIN ${sql.replace(/\$\d+/g, '?')}`,
        bindings as any[],
      );
      return rows
        .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
        .join('\n');
    });
    expect(scopedPlan).toContain(
      'Index Only Scan Backward using resource_changes_repository_type_idx',
    );

    // without the extension, the migration goes on in a usable transaction
    const {
      createTrigramExtension,
    } = require('../../../migrations/20261202110000_change_search_indexes');
    await knex.transaction(async tx => {
      expect(await createTrigramExtension(tx, 'tofui_no_such_extension')).toBe(
        false,
      );
      expect((await tx.raw('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(await createTrigramExtension(tx)).toBe(true);
    });
  });

  it('keeps the same drift ledger whatever order the plans are indexed in', async () => {
    // the later plan, no longer drifted, is indexed before the one showing it
    await publish({ build: 'p2', when: at(1), plan: plan([BUCKET]) });
    await publish({ build: 'p1', when: at(0), plan: plan([], [SG_DRIFT]) });
    const [entry] = (await store.changes.drift({ limit: 10, now: at(2) }))
      .items;
    expect(entry).toMatchObject({
      address: 'aws_sg.web',
      state: 'closed',
      firstSeenAt: at(0).toISOString(),
      closedAt: at(1).toISOString(),
      occurrences: 1,
    });
  });

  it('recounts the drift ledger when a report that showed or closed a drift is deleted', async () => {
    const p1 = await publish({
      build: 'p1',
      when: at(0),
      plan: plan([], [SG_DRIFT]),
    });
    const p2 = await publish({
      build: 'p2',
      when: at(1),
      plan: plan([], [SG_DRIFT]),
    });
    const p3 = await publish({ build: 'p3', when: at(2), plan: plan([ROLE]) });
    const p4 = await publish({ build: 'p4', when: at(3), plan: plan([ROLE]) });
    // an apply without a plan closes nothing
    await publish({ type: 'build', build: 'a1', when: at(2.5) });
    const entry = async () =>
      (await store.changes.drift({ limit: 10, now: at(5) })).items;
    expect(await entry()).toEqual([
      expect.objectContaining({
        state: 'closed',
        closedAt: at(2).toISOString(),
        occurrences: 2,
      }),
    ]);

    // the plan that closed it goes: the next plan closes it
    await store.reports.delete(p3);
    expect(await entry()).toEqual([
      expect.objectContaining({
        state: 'closed',
        closedAt: at(3).toISOString(),
        occurrences: 2,
        firstSeenAt: at(0).toISOString(),
        lastSeenAt: at(1).toISOString(),
      }),
    ]);
    // a showing goes: counted again
    await store.reports.delete(p2);
    expect(await entry()).toEqual([
      expect.objectContaining({
        occurrences: 1,
        lastSeenAt: at(0).toISOString(),
        closedAt: at(3).toISOString(),
      }),
    ]);
    // no later plan: open again
    await store.reports.delete(p4);
    const [open] = await entry();
    expect(open).toMatchObject({ state: 'open', occurrences: 1 });
    expect(open.closedAt).toBeUndefined();
    // no showing left: gone
    await store.reports.delete(p1);
    expect(await entry()).toEqual([]);
  });

  it('lists pending plans: latest plan with changes and no passing apply since', async () => {
    await publish({ build: 'p1', when: at(0), plan: plan([ROLE, BUCKET]) });
    await publish({
      folder: 'quiet',
      build: 'q1',
      when: at(0),
      plan: plan([], [SG_DRIFT]),
    });
    await publish({
      folder: 'applied',
      build: 'a1',
      when: at(0),
      plan: plan([BUCKET]),
    });
    await publish({
      folder: 'applied',
      type: 'build',
      build: 'a1',
      when: at(1),
    });
    const { items } = await store.changes.pending({ limit: 10, now: at(2) });
    expect(items).toEqual([
      expect.objectContaining({
        repository: 'acme/infra',
        folder: 'net',
        buildName: 'p1',
        ageSeconds: 2 * 24 * 3600,
        counts: { delete: 1, update: 1 },
        owners: [],
      }),
    ]);
    await store.mappings.replaceAll(
      [
        {
          entityRef: 'component:default/net',
          repository: 'acme/infra',
          folderPatterns: ['net'],
          ownerRefs: ['group:default/team-net'],
        },
      ],
      at(2),
    );
    expect(
      (await store.changes.pending({ limit: 10, now: at(2) })).items[0].owners,
    ).toEqual(['group:default/team-net']);
    await publish({
      type: 'build',
      build: 'apply',
      when: at(3),
      overallStatus: 'failing',
    });
    expect(
      (await store.changes.pending({ limit: 10, now: at(4) })).items,
    ).toHaveLength(1);
    await publish({ type: 'build', build: 'apply2', when: at(4) });
    expect(
      (await store.changes.pending({ limit: 10, now: at(5) })).items,
    ).toEqual([]);
  });

  it('finds the previous report of the folder and type, on the same branch first', async () => {
    const main1 = await publish({
      build: 'm1',
      when: at(0),
      plan: plan([ROLE]),
    });
    const feat1 = await publish({
      build: 'f1',
      when: at(1),
      branch: 'feat',
      plan: plan([ROLE]),
    });
    const main2 = await publish({
      build: 'm2',
      when: at(2),
      plan: plan([BUCKET]),
    });
    const feat2 = await publish({
      build: 'f2',
      when: at(3),
      branch: 'feat',
      plan: plan([BUCKET]),
    });
    expect(await store.changes.previousReport(main2)).toBe(main1);
    expect(await store.changes.previousReport(feat2)).toBe(feat1);
    expect(await store.changes.previousReport(main1)).toBeUndefined();
    const compared = await store.changes.comparedChanges(main2);
    expect(compared).toEqual([
      {
        id: expect.any(String),
        address: 'aws_s3_bucket.logs',
        action: 'update',
        attributes: ['tags.Team'],
      },
    ]);
    const [bucket] = await store.changes.changesById([
      compared[0].id,
      '999999999',
    ]);
    expect(bucket).toMatchObject({
      reportId: main2,
      repository: 'acme/infra',
      address: 'aws_s3_bucket.logs',
    });
    expect(await store.changes.changesById([])).toEqual([]);
  });
});
