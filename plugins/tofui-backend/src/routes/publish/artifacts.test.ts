import { mockCredentials } from '@backstage/backend-test-utils';
import {
  type ArtifactStorage,
  LocalArtifactStorage,
  S3ArtifactStorage,
} from '@tofui/backstage-plugin-tofui-node';
import {
  startS3rver,
  type TestServer,
} from '@tofui/backstage-plugin-tofui-node/testUtils';
import type { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../../__testUtils__/testBackend';
import {
  clearTables,
  countRows,
  createTestDatabases,
} from '../../__testUtils__/testServices';
import { HTML_CSP } from '../../routes/sendArtifact';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const SECRET = 'planted-SECRET-42';
const HTML =
  '<!doctype html><h1>Plan report</h1><script>document.title = "x"</script>';
const LOG = 'tofu plan\nPlan: 1 to add, 0 to change, 0 to destroy.\n';
const PLAN = JSON.stringify({
  format_version: '1.2',
  variables: { db_password: { value: SECRET } },
  resource_changes: [
    {
      address: 'aws_db_instance.main',
      change: {
        actions: ['create'],
        before: null,
        after: { engine: 'postgres', password: SECRET },
        after_sensitive: { password: true },
      },
    },
  ],
  configuration: {
    root_module: {
      variables: { db_password: { sensitive: true, default: SECRET } },
    },
  },
  prior_state: {
    values: { outputs: { x: { sensitive: true, value: SECRET } } },
  },
});

type Backend = Awaited<ReturnType<typeof startTofuiBackend>>;

/** The artifact cases, on the storage and database `setup` gives; call inside a describe. */
function artifactCases(
  setup: () => Promise<{
    knex: Knex;
    storageConfig: object;
    storage: ArtifactStorage;
    cleanup?: () => Promise<void>;
  }>,
) {
  let knex: Knex;
  let api: Backend;
  let storage: ArtifactStorage;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const s = await setup();
    ({ knex, storage, cleanup } = s);
    api = await startTofuiBackend(knex, {
      storage: s.storageConfig,
      api: { maxArtifactSize: '1mb' },
    });
  });
  afterAll(async () => {
    await api.stop();
    await cleanup?.();
  });
  beforeEach(async () => {
    await clearTables(knex, { keepStatusTypes: true });
    // each test starts from an empty store, so "left nothing behind" is checkable
    await Promise.all((await storage.list('')).map(key => storage.delete(key)));
  });

  const multipart = (report: object) =>
    api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .field('report', JSON.stringify(report));
  const get = (url: string) => api.asUser(api.http().get(url));
  const storedKeys = async () => storage.list('reports/');

  it('publishes a report with its artifacts as multipart and serves them back', async () => {
    const res = await multipart(ORIGINAL_REPORT)
      .attach('html', Buffer.from(HTML), 'report.html')
      .attach('plan', Buffer.from(PLAN), 'plan.json')
      .attach('log', Buffer.from(LOG), 'plan.log');
    expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
    const report = res.body;
    expect(report.artifacts).toEqual({
      html: {
        size: Buffer.byteLength(HTML),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        contentType: 'text/html; charset=utf-8',
      },
      plan: {
        size: expect.any(Number),
        sha256: expect.any(String),
        contentType: 'application/json',
      },
      log: {
        size: Buffer.byteLength(LOG),
        sha256: expect.any(String),
        contentType: 'text/plain; charset=utf-8',
      },
    });
    // the summary comes from the plan when CI did not send one
    expect(report.summary).toMatchObject({
      add: 1,
      change: 0,
      destroy: 0,
      errored: false,
    });

    const html = await get(`/api/tofui/v1/reports/${report.id}/html`);
    expect(html.status).toBe(200);
    expect(html.text).toBe(HTML);
    expect(html.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': HTML_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      etag: `"${report.artifacts.html.sha256}"`,
    });
    expect(HTML_CSP).toMatch(/^sandbox allow-scripts;/);
    expect(HTML_CSP).not.toContain('allow-same-origin');
    const again = await get(`/api/tofui/v1/reports/${report.id}/html`).set(
      'If-None-Match',
      html.headers.etag,
    );
    expect(again.status).toBe(304);
    const download = await get(
      `/api/tofui/v1/reports/${report.id}/log?download=true`,
    );
    expect(download.text).toBe(LOG);
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="report-.*\.log"$/,
    );

    const plan = await get(`/api/tofui/v1/reports/${report.id}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.text).not.toContain(SECRET);
    expect(
      JSON.parse(plan.text).resource_changes[0].change.after.password,
    ).toBe('(sensitive value)');
    expect(JSON.parse(plan.text).prior_state).toBeUndefined();

    // nothing anywhere in storage or the database holds the raw plan's secret
    for (const key of await storedKeys()) {
      expect([
        key,
        (await text(await storage.download(key))).includes(SECRET),
      ]).toEqual([key, false]);
    }
    const dump =
      JSON.stringify(await knex('reports').select('*')) +
      JSON.stringify(await knex('audit_logs').select('*'));
    expect(dump).not.toContain(SECRET);
  });

  it('accepts small artifacts inline, gzip+base64 or plain', async () => {
    const res = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .send({
        ...ORIGINAL_REPORT,
        artifacts: {
          html: {
            content: gzipSync(HTML).toString('base64'),
            encoding: 'gzip+base64',
          },
          log: { content: LOG },
        },
      });
    expect(res.status).toBe(201);
    expect((await get(`/api/tofui/v1/reports/${res.body.id}/html`)).text).toBe(
      HTML,
    );
    expect((await get(`/api/tofui/v1/reports/${res.body.id}/log`)).text).toBe(
      LOG,
    );
    expect(
      (await get(`/api/tofui/v1/reports/${res.body.id}/plan`)).status,
    ).toBe(404);
  });

  it('replaces artifacts on republish and deletes them with the report', async () => {
    const first = await multipart(ORIGINAL_REPORT)
      .attach('html', Buffer.from(HTML), 'r.html')
      .attach('log', Buffer.from(LOG), 'r.log');
    expect(first.status).toBe(201);
    expect(await storedKeys()).toHaveLength(2);

    const second = await multipart(ORIGINAL_REPORT).attach(
      'html',
      Buffer.from('<p>v2</p>'),
      'r.html',
    );
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(Object.keys(second.body.artifacts)).toEqual(['html']);
    expect(
      (await get(`/api/tofui/v1/reports/${first.body.id}/html`)).text,
    ).toBe('<p>v2</p>');
    expect(await storedKeys()).toEqual([expect.stringMatching(/\.html$/)]);

    expect(
      (
        await api.asUser(
          api.http().delete(`/api/tofui/v1/reports/${first.body.id}`),
        )
      ).status,
    ).toBe(204);
    expect(await storedKeys()).toEqual([]);
  });

  it.each([
    [
      'an artifact over tofui.api.maxArtifactSize',
      413,
      /larger than tofui.api.maxArtifactSize/,
      (r: any) =>
        r
          .attach('html', Buffer.from(HTML))
          .attach('log', Buffer.alloc(1024 * 1024 + 1, 'x'), 'big.log'),
    ],
    [
      'a plan over tofui.api.maxArtifactSize',
      413,
      /plan artifact is larger/,
      (r: any) =>
        r
          .attach('html', Buffer.from(HTML))
          .attach('plan', Buffer.alloc(1024 * 1024 + 1, ' '), 'p.json')
          .attach('log', Buffer.from(LOG), 'r.log'),
    ],
    [
      'a plan that is not a plan',
      400,
      /not a readable plan/,
      (r: any) =>
        r
          .attach('html', Buffer.from(HTML))
          .attach('plan', Buffer.from('{"nope":1}'), 'p.json'),
    ],
    [
      'an unknown artifact',
      400,
      /Unknown artifact 'pdf'/,
      (r: any) =>
        r
          .attach('html', Buffer.from(HTML))
          .attach('pdf', Buffer.from('%PDF'), 'x.pdf'),
    ],
    ['an invalid report', 400, /report\/folder must match pattern/, null],
  ])(
    'refuses %s and leaves nothing behind',
    async (_what, status, message, attach) => {
      const before = await countRows(knex);
      const request =
        attach === null
          ? multipart({ ...ORIGINAL_REPORT, folder: '../x' }).attach(
              'html',
              Buffer.from(HTML),
              'r.html',
            )
          : attach(multipart(ORIGINAL_REPORT));
      const res = await request;
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(await countRows(knex)).toEqual(before);
      expect(await storedKeys()).toEqual([]);
    },
  );

  it('refuses a file sent before the report field', async () => {
    const res = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .attach('html', Buffer.from(HTML), 'r.html')
      .field('report', JSON.stringify(ORIGINAL_REPORT));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/came before the 'report' field/);
    expect(await storedKeys()).toEqual([]);
  });

  it('answers 404 for an artifact a report does not have', async () => {
    const { body } = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .send(ORIGINAL_REPORT);
    expect((await get(`/api/tofui/v1/reports/${body.id}/log`)).status).toBe(
      404,
    );
    expect(
      (
        await get(
          '/api/tofui/v1/reports/4b1d7a7c-6a57-4a32-9d52-21a0b8d4b1f1/html',
        )
      ).status,
    ).toBe(404);
  });

  it('needs credentials for artifacts', async () => {
    const { body } = await multipart(ORIGINAL_REPORT).attach(
      'html',
      Buffer.from(HTML),
      'r.html',
    );
    expect(
      (await api.http().get(`/api/tofui/v1/reports/${body.id}/html`)).status,
    ).toBe(401);
    expect(
      (
        await api
          .http()
          .post('/api/tofui/v1/reports')
          .field('report', JSON.stringify(ORIGINAL_REPORT))
      ).status,
    ).toBe(401);
  });

  it('accepts the user cookie for the HTML report (a sandboxed frame sends nothing else), and only there', async () => {
    const { body } = await multipart(ORIGINAL_REPORT)
      .attach('html', Buffer.from(HTML), 'r.html')
      .attach('log', Buffer.from(LOG), 'r.log');
    const cookie = mockCredentials.limitedUser.cookie();
    const html = await api
      .http()
      .get(`/api/tofui/v1/reports/${body.id}/html`)
      .set('Cookie', cookie);
    expect(html.status).toBe(200);
    expect(html.text).toBe(HTML);
    expect(html.headers['content-security-policy']).toBe(HTML_CSP);
    for (const route of [
      `/v1/reports/${body.id}/log`,
      `/v1/reports/${body.id}`,
      '/v1/summary',
    ]) {
      expect([
        route,
        (await api.http().get(`/api/tofui${route}`).set('Cookie', cookie))
          .status,
      ]).toEqual([route, 401]);
    }
  });
}

describe.each(databases.eachSupportedId())(
  'artifacts on local storage, %s',
  id => {
    artifactCases(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-artifacts-'));
      return {
        knex: await databases.init(id),
        storageConfig: { backend: 'local', local: { basePath: dir } },
        storage: new LocalArtifactStorage({ basePath: dir }),
        cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    });
  },
);

describe('artifacts on s3 (s3rver), SQLITE_3', () => {
  let s3: TestServer;
  artifactCases(async () => {
    s3 = await startS3rver(['tofui-artifacts']);
    const s3Config = {
      bucket: 'tofui-artifacts',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    };
    return {
      knex: await databases.init('SQLITE_3'),
      storageConfig: { backend: 's3', s3: s3Config },
      storage: new S3ArtifactStorage(s3Config),
      cleanup: () => s3.stop(),
    };
  });
});

describe('storage down during a publish', () => {
  it('answers 503 and writes nothing', async () => {
    const server = await startS3rver(['tofui-down']);
    const knex = await databases.init('SQLITE_3');
    const api = await startTofuiBackend(knex, {
      storage: {
        backend: 's3',
        s3: {
          bucket: 'tofui-down',
          endpoint: server.endpoint,
          forcePathStyle: true,
          accessKeyId: 'S3RVER',
          secretAccessKey: 'S3RVER',
        },
      },
    });
    await server.stop();
    const before = await countRows(knex);
    const res = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .field('report', JSON.stringify(ORIGINAL_REPORT))
      .attach('html', Buffer.from(HTML), 'r.html');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/Artifact storage is unavailable/);
    expect(await countRows(knex)).toEqual(before);
    expect((await api.http().get('/api/tofui/v1/health')).status).toBe(503);
    await api.stop();
  });
});
