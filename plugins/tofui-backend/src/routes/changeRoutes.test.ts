import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import { change, plan } from '../__testUtils__/plans';
import { KnexTofuiStore } from '../database/KnexTofuiStore';
import { ChangeIndexer } from '../jobs/indexChanges';
import { indexChangesJob, type ClaimedJob } from '../queue/jobTypes';
import type { ArtifactService } from '../service/ArtifactService';
import {
  clearTables,
  createTestDatabases,
} from '../__testUtils__/testServices';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const SECRET = 'changes-SECRET-20';

const ROLE_DELETE = change(
  'module.iam.aws_iam_role.ci',
  ['delete'],
  { name: 'ci', tags: { Team: 'net' } },
  null,
);
const DB_REPLACE = {
  ...change(
    'aws_db_instance.main',
    ['delete', 'create'],
    { engine: 'postgres', password: SECRET },
    { engine: 'mysql', password: SECRET },
    { change: { replace_paths: [['engine']] } },
  ),
  change: {
    actions: ['delete', 'create'] as Array<'delete' | 'create'>,
    before: { engine: 'postgres', password: SECRET },
    after: { engine: 'mysql', password: SECRET },
    before_sensitive: { password: true },
    after_sensitive: { password: true },
    replace_paths: [['engine']],
  },
};
const BUCKET_TAGS = change(
  'aws_s3_bucket.logs',
  ['update'],
  { tags: { Team: 'a' } },
  { tags: { Team: 'b' } },
);
const SG_DRIFT = change('aws_sg.web', ['update'], { port: 22 }, { port: 23 });

// An apply cut short: the bucket created, the database replacement failed,
// the role update never finished; the data source is only read.
const FAILED_APPLY_LOG = `aws_s3_bucket.logs: Creating...
module.db["eu.west"].aws_db_instance.main: Destroying... [id=main-db]
module.db["eu.west"].aws_db_instance.main: Destruction complete after 3s
module.db["eu.west"].aws_db_instance.main: Creating...
aws_s3_bucket.logs: Creation complete after 2s [id=acme-logs]
aws_iam_role.ci: Modifying... [id=ci]
data.aws_caller_identity.me: Reading...
data.aws_caller_identity.me: Read complete after 0s [id=123]
╷
│ Error: creating RDS DB Instance (main-db): InvalidParameterValue
│ 
│   with module.db["eu.west"].aws_db_instance.main,
│   on main.tf line 1, in resource "aws_db_instance" "main":
│    1: resource "aws_db_instance" "main" {
│ 
╵
`;

describe.each(databases.eachSupportedId())('change index API on %s', id => {
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  beforeAll(async () => {
    knex = await databases.init(id);
    api = await startTofuiBackend(knex);
  });
  afterAll(() => api.stop());
  beforeEach(() => clearTables(knex, { keepStatusTypes: true }));

  const get = (url: string) => api.asUser(api.http().get(`/api/tofui${url}`));

  /** Publishes a plan report and waits until its changes are indexed. */
  async function publish(options: {
    build: string;
    repository?: string;
    folder?: string;
    timestamp: string;
    plan?: object;
    /** An apply's console log, published without a plan. */
    log?: string;
    type?: 'build' | 'test';
  }) {
    const req = api.asService(api.http().post('/api/tofui/v1/reports')).field(
      'report',
      JSON.stringify({
        ...ORIGINAL_REPORT,
        source_repo: options.repository ?? ORIGINAL_REPORT.source_repo,
        folder: options.folder ?? ORIGINAL_REPORT.folder,
        build_name: options.build,
        report_type: options.type ?? 'test',
        timestamp: options.timestamp,
        branch: 'main',
        actor: 'alice',
      }),
    );
    if (options.plan) {
      req.attach(
        'plan',
        Buffer.from(JSON.stringify(options.plan)),
        'plan.json',
      );
    }
    if (options.log) {
      req.attach('log', Buffer.from(options.log), 'apply.log');
    }
    const res = await req;
    expect(res.status).toBeLessThan(300);
    const deadline = Date.now() + 20_000;
    while (
      Number(
        (await knex('jobs')
          .where({ type: 'index-changes' })
          .count({ n: '*' })
          .first())!.n,
      ) > 0 &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 50));
    }
    return res.body.id as string;
  }

  it("writes a small plan's rows at publish, from the plan parsed for it, without an index job", async () => {
    const res = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .field(
        'report',
        JSON.stringify({
          ...ORIGINAL_REPORT,
          build_name: 'at-publish',
          report_type: 'test',
          timestamp: '2026-03-01T00:00:00Z',
        }),
      )
      .attach(
        'plan',
        Buffer.from(JSON.stringify(plan([ROLE_DELETE, DB_REPLACE]))),
        'plan.json',
      );
    expect(res.status).toBeLessThan(300);
    // as soon as the publish answers
    const rows = await knex('resource_changes')
      .where({ report_id: res.body.id })
      .orderBy('address')
      .select('address', 'action', 'attributes');
    expect(rows).toEqual([
      {
        address: 'aws_db_instance.main',
        action: 'replace',
        attributes: JSON.stringify(['engine']),
      },
      {
        address: 'module.iam.aws_iam_role.ci',
        action: 'delete',
        attributes: JSON.stringify(['name', 'tags.Team']),
      },
    ]);
    expect(await knex('jobs').where({ type: 'index-changes' })).toEqual([]);
  });

  it("writes a larger plan's rows after the response, from the plan parsed at publish, and cancels its fallback job", async () => {
    const buckets = Array.from({ length: 1200 }, (_, i) =>
      change(`aws_s3_bucket.b${i}`, ['create'], null, { bucket: `b${i}` }),
    );
    const publishBuckets = (build: string) =>
      api
        .asService(api.http().post('/api/tofui/v1/reports'))
        .field(
          'report',
          JSON.stringify({
            ...ORIGINAL_REPORT,
            build_name: build,
            report_type: 'test',
            timestamp: '2026-03-01T00:00:00Z',
          }),
        )
        .attach(
          'plan',
          Buffer.from(JSON.stringify(plan(buckets))),
          'plan.json',
        );
    const res = await publishBuckets('after-publish');
    expect(res.status).toBeLessThan(300);
    const rowsAndJobs = async () => ({
      rows: Number(
        (await knex('resource_changes')
          .where({ report_id: res.body.id })
          .count({ n: '*' })
          .first())!.n,
      ),
      jobs: await knex('jobs')
        .where({ type: 'index-changes' })
        .pluck('dedupe_key'),
    });
    const deadline = Date.now() + 20_000;
    let state = await rowsAndJobs();
    while ((state.rows < 1200 || state.jobs.length) && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 50));
      state = await rowsAndJobs();
    }
    // The fallback job is due a minute after the publish: gone within this
    // test, it was cancelled by the write, not run (no second parse).
    expect(state).toEqual({ rows: 1200, jobs: [] });
  });

  it('skips the fallback index job of a plan since replaced, without reading it', async () => {
    const reportId = await publish({
      build: 'replaced',
      timestamp: '2026-03-01T00:00:00Z',
      plan: plan([ROLE_DELETE]),
    });
    const store = await KnexTofuiStore.create(mockServices.database({ knex }));
    // the fallback of an earlier plan of the build, due now
    await store.jobs.enqueue(
      indexChangesJob(reportId, {
        sourceSha256: 'an-earlier-plan',
        runAfter: new Date(0),
      }),
      new Date(),
    );
    const unreadable = {
      open: async () => {
        throw new Error('the fallback read the plan');
      },
    } as unknown as ArtifactService;
    const indexer = new ChangeIndexer(
      store,
      unreadable,
      mockServices.logger.mock(),
    );
    const [job] = await store.jobs.claim('test', 1, 60_000, new Date());
    expect(job.payload).toEqual({
      reportId,
      sourceSha256: 'an-earlier-plan',
    });
    await indexer.handle(job as ClaimedJob<'index-changes'>);
    expect(
      await knex('resource_changes')
        .where({ report_id: reportId })
        .pluck('address'),
    ).toEqual(['module.iam.aws_iam_role.ci']);
  });

  it('lists changes with filters, paths only, newest first, keyset-paged', async () => {
    await publish({
      build: 'p1',
      timestamp: '2026-03-01T00:00:00Z',
      plan: { ...plan([ROLE_DELETE, DB_REPLACE]), configuration: {} },
    });
    await publish({
      build: 'p2',
      repository: 'acme/network',
      timestamp: '2026-03-02T00:00:00Z',
      plan: plan([BUCKET_TAGS]),
    });
    const all = await get('/v1/changes');
    expect(all.status).toBe(200);
    expect(all.text).not.toContain(SECRET);
    expect(all.body.items.map((i: any) => [i.address, i.action])).toEqual([
      ['aws_s3_bucket.logs', 'update'],
      ['aws_db_instance.main', 'replace'],
      ['module.iam.aws_iam_role.ci', 'delete'],
    ]);
    expect(all.body.items[1]).toMatchObject({
      repository: 'acme/infrastructure',
      folder: 'aws_us_east_2',
      type: 'aws_db_instance',
      attributes: ['engine'],
      forcing: ['engine'],
      buildName: 'p1',
      reportType: 'test',
      createdAt: '2026-03-01T00:00:00.000Z',
    });

    const addresses = async (query: string) =>
      (await get(`/v1/changes?${query}`)).body.items.map((i: any) => i.address);
    expect(await addresses('action=delete&action=update')).toEqual([
      'aws_s3_bucket.logs',
      'module.iam.aws_iam_role.ci',
    ]);
    expect(await addresses('action=replace')).toEqual(['aws_db_instance.main']);
    expect(await addresses('address=module.*.aws_iam_role.*')).toEqual([
      'module.iam.aws_iam_role.ci',
    ]);
    expect(await addresses('address=aws_iam_role.*')).toEqual([]);
    expect(await addresses('attribute=tags.Team')).toEqual([
      'aws_s3_bucket.logs',
      'module.iam.aws_iam_role.ci',
    ]);
    expect(await addresses('repository=ACME/network')).toEqual([
      'aws_s3_bucket.logs',
    ]);
    expect(await addresses('since=2026-03-02T00:00:00Z')).toHaveLength(1);
    expect(await addresses('until=2026-03-02T00:00:00Z')).toHaveLength(2);

    const first = await get('/v1/changes?limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await get(
      `/v1/changes?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.items.map((i: any) => i.address)).toEqual([
      'module.iam.aws_iam_role.ci',
    ]);
    expect(rest.body.nextCursor).toBeUndefined();
  });

  it('answers 400 for bad input', async () => {
    for (const query of [
      'action=explode',
      'since=yesterday',
      'since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z',
      'cursor=not-a-cursor',
      'address=a.***',
      'limit=0',
    ]) {
      const res = await get(`/v1/changes?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.name).toMatch(/InputError|BadRequestError/);
    }
    expect((await get('/v1/resources/history?repository=a/b')).status).toBe(
      400,
    );
    expect((await get('/v1/drift?state=maybe')).status).toBe(400);
    expect(
      (await get('/v1/reports/00000000-0000-4000-8000-000000000000/compare'))
        .status,
    ).toBe(404);
  });

  it('filters by what the caller may read', async () => {
    await publish({
      build: 'p1',
      timestamp: '2026-03-01T00:00:00Z',
      plan: plan([ROLE_DELETE], [SG_DRIFT]),
    });
    await publish({
      build: 'p2',
      repository: 'acme/network',
      timestamp: '2026-03-02T00:00:00Z',
      plan: plan([BUCKET_TAGS], [SG_DRIFT]),
    });
    // A CI identity of acme/network reads only that repository's reports.
    const asNetworkCi = (url: string) =>
      api
        .http()
        .get(`/api/tofui${url}`)
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service(
              'repo:acme/network:ref:refs/heads/main',
            ),
            targetPluginId: 'tofui',
          }),
        );
    const changes = await asNetworkCi('/v1/changes');
    expect(changes.status).toBe(200);
    expect(changes.body.items.map((i: any) => i.repository)).toEqual([
      'acme/network',
      'acme/network',
    ]);
    const drift = await asNetworkCi('/v1/drift');
    expect(drift.body.items.map((i: any) => i.repository)).toEqual([
      'acme/network',
    ]);
    expect((await get('/v1/drift')).body.items).toHaveLength(2);
    const pending = await asNetworkCi('/v1/pending');
    expect(pending.body.items.map((i: any) => i.repository)).toEqual([
      'acme/network',
    ]);
    const history = await asNetworkCi(
      `/v1/resources/history?repository=acme/infrastructure&folder=${ORIGINAL_REPORT.folder}&address=module.iam.aws_iam_role.ci`,
    );
    expect(history.body.items).toEqual([]);
  });

  it('shows a resource history, compares with the previous plan, tracks drift and pending plans', async () => {
    const p1 = await publish({
      build: 'p1',
      timestamp: '2026-03-01T00:00:00Z',
      plan: plan([ROLE_DELETE, BUCKET_TAGS], [SG_DRIFT]),
    });
    const p2 = await publish({
      build: 'p2',
      timestamp: '2026-03-02T00:00:00Z',
      plan: plan([
        {
          ...ROLE_DELETE,
          change: {
            ...ROLE_DELETE.change,
            actions: ['update'],
            after: { name: 'ci2', tags: { Team: 'net' } },
          },
        },
        change('aws_s3_bucket.logs', ['update'], { acl: 'a' }, { acl: 'b' }),
        change('aws_vpc.new', ['create'], null, { cidr: '10.0.0.0/16' }),
      ]),
    });
    const history = await get(
      `/v1/resources/history?repository=acme/infrastructure&folder=${ORIGINAL_REPORT.folder}&address=aws_s3_bucket.logs`,
    );
    expect(
      history.body.items.map((i: any) => [i.reportId, i.action, i.attributes]),
    ).toEqual([
      [p2, 'update', ['acl']],
      [p1, 'update', ['tags.Team']],
    ]);

    const compare = await get(`/v1/reports/${p2}/compare`);
    expect(compare.status).toBe(200);
    expect(compare.body).toMatchObject({
      base: p1,
      head: p2,
      removed: [],
      actionChanged: [
        {
          address: 'module.iam.aws_iam_role.ci',
          base: 'delete',
          head: 'update',
        },
      ],
      attributesChanged: [
        {
          address: 'aws_s3_bucket.logs',
          action: 'update',
          added: ['acl'],
          removed: ['tags.Team'],
        },
      ],
      unchangedCount: 0,
    });
    expect(compare.body.added.map((c: any) => c.address)).toEqual([
      'aws_vpc.new',
    ]);
    const reversed = await get(`/v1/reports/${p1}/compare?base=${p2}`);
    expect(reversed.body.removed.map((c: any) => c.address)).toEqual([
      'aws_vpc.new',
    ]);
    const first = await get(`/v1/reports/${p1}/compare`);
    expect(first.body.base).toBeUndefined();
    expect(first.body.added).toHaveLength(2);

    const drift = await get('/v1/drift');
    expect(drift.body.items).toEqual([
      expect.objectContaining({
        address: 'aws_sg.web',
        state: 'closed',
        firstSeenAt: '2026-03-01T00:00:00.000Z',
        closedAt: '2026-03-02T00:00:00.000Z',
        occurrences: 1,
        attributes: ['port'],
        chronic: false,
      }),
    ]);
    expect((await get('/v1/drift?state=open')).body.items).toEqual([]);

    const pending = await get('/v1/pending');
    expect(pending.body.items).toEqual([
      expect.objectContaining({
        repository: 'acme/infrastructure',
        reportId: p2,
        counts: { update: 2, create: 1 },
      }),
    ]);
    await publish({
      build: 'apply',
      type: 'build',
      timestamp: '2026-03-03T00:00:00Z',
      plan: plan([]),
    });
    expect((await get('/v1/pending')).body.items).toEqual([]);
  });

  it('narrows changes, drift and pending plans to the folders an entity covers', async () => {
    for (const folder of ['aws_us_east_1', 'gcp_europe']) {
      await publish({
        build: `${folder}-1`,
        folder,
        timestamp: '2026-03-01T00:00:00Z',
        plan: plan([BUCKET_TAGS], [SG_DRIFT]),
      });
    }
    // the catalog sync's result: the entity covers the aws_* folders
    const store = await KnexTofuiStore.create(mockServices.database({ knex }));
    await store.mappings.replaceAll(
      [
        {
          entityRef: 'component:default/aws',
          repository: 'acme/infrastructure',
          folderPatterns: ['aws_*'],
          ownerRefs: [],
        },
      ],
      new Date(),
    );
    // a folder's changes: its bucket and its drift
    const folders = (res: { body: { items: Array<{ folder: string }> } }) =>
      [...new Set(res.body.items.map(i => i.folder))].sort();
    for (const route of ['changes', 'drift', 'pending']) {
      const all = await get(`/v1/${route}`);
      expect(folders(all)).toEqual(['aws_us_east_1', 'gcp_europe']);
      // a ref as users write it: kind and namespace defaulted, any case
      const mine = await get(`/v1/${route}?entity=AWS`);
      expect({
        route,
        folders: folders(mine),
      }).toEqual({ route, folders: ['aws_us_east_1'] });
      const unknown = await get(`/v1/${route}?entity=component:default/none`);
      expect(unknown.status).toBe(200);
      expect(unknown.body.items).toEqual([]);
      const both = await get(
        `/v1/${route}?entity=aws&owner=group:default/platform`,
      );
      expect(both.status).toBe(400);
      expect(both.body.error).toMatchObject({
        name: 'InputError',
        message: 'Filter by owner or by entity, not both',
      });
    }
    expect((await get('/v1/drift?order=chronic')).status).toBe(200);
    expect((await get('/v1/drift?order=newest')).status).toBe(400);
  });

  it('indexes an apply published with its log: per-resource outcomes; only a successful apply clears a pending plan', async () => {
    await publish({
      build: 'p1',
      timestamp: '2026-03-01T00:00:00Z',
      plan: plan([ROLE_DELETE]),
    });
    const failedApply = await publish({
      build: 'a1',
      type: 'build',
      timestamp: '2026-03-02T00:00:00Z',
      log: FAILED_APPLY_LOG,
    });
    const applied = await get('/v1/changes?reportType=build');
    expect(applied.status).toBe(200);
    expect(
      applied.body.items.map((i: any) => [i.address, i.action, i.outcome]),
    ).toEqual([
      // one run: newest row first
      ['aws_iam_role.ci', 'update', 'in-progress'],
      ['module.db["eu.west"].aws_db_instance.main', 'replace', 'failed'],
      ['aws_s3_bucket.logs', 'create', 'complete'],
    ]);
    expect(applied.body.items[1]).toMatchObject({
      reportId: failedApply,
      reportType: 'build',
      buildName: 'a1',
      type: 'aws_db_instance',
      module: 'module.db["eu.west"]',
      attributes: [],
    });
    expect(
      (await get('/v1/changes?reportType=test')).body.items[0].outcome,
    ).toBeUndefined();
    // the apply's verdict passes, but a resource failed: still pending
    expect(
      (await get('/v1/pending')).body.items.map((i: any) => i.buildName),
    ).toEqual(['p1']);

    await publish({
      build: 'a2',
      type: 'build',
      timestamp: '2026-03-03T00:00:00Z',
      log: 'aws_iam_role.ci: Destroying... [id=ci]\naws_iam_role.ci: Destruction complete after 1s\n',
    });
    expect(
      (await get('/v1/changes?reportType=build&action=delete')).body.items,
    ).toEqual([
      expect.objectContaining({
        address: 'aws_iam_role.ci',
        outcome: 'complete',
        buildName: 'a2',
      }),
    ]);
    expect((await get('/v1/pending')).body.items).toEqual([]);
  });
});
