import { readReportModel } from '@tofui/report';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import {
  clearTables,
  createTestDatabases,
} from '../__testUtils__/testServices';
import { HTML_CSP } from '../routes/sendArtifact';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const SECRET = 'render-SECRET-31';
const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.5',
  variables: { db_password: { value: SECRET } },
  resource_changes: [
    {
      address: 'aws_db_instance.main',
      type: 'aws_db_instance',
      change: {
        actions: ['delete', 'create'],
        before: { engine: 'postgres', password: SECRET },
        after: { engine: 'postgres', password: SECRET },
        before_sensitive: { password: true },
        after_sensitive: { password: true },
        replace_paths: [['engine']],
      },
      action_reason: 'replace_because_cannot_update',
    },
  ],
  configuration: {
    root_module: { variables: { db_password: { sensitive: true } } },
  },
});

describe.each(databases.eachSupportedId())('background rendering on %s', id => {
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;
  let knex: Awaited<ReturnType<typeof databases.init>>;
  // Publishes queue change indexing too; these tests are about rendering.
  const renderJobs = async () =>
    Number(
      (await knex('jobs')
        .where({ type: 'render-report' })
        .count({ n: '*' })
        .first())!.n,
    );
  beforeAll(async () => {
    knex = await databases.init(id);
    api = await startTofuiBackend(knex);
  });
  afterAll(() => api.stop());
  beforeEach(() => clearTables(knex, { keepStatusTypes: true }));

  const publish = (build: string) =>
    api.asService(api.http().post('/api/tofui/v1/reports')).field(
      'report',
      JSON.stringify({
        ...ORIGINAL_REPORT,
        build_name: build,
        display_name: `Run ${build}`,
      }),
    );
  const get = (url: string) => api.asUser(api.http().get(url));

  async function until<T>(
    fn: () => Promise<T>,
    done: (value: T) => boolean,
  ): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await fn();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise(r => setTimeout(r, 100));
    }
  }

  it('renders the HTML of a report published with a plan and no HTML', async () => {
    const res = await publish('render-1').attach(
      'plan',
      Buffer.from(PLAN),
      'plan.json',
    );
    expect(res.status).toBe(201);
    expect(res.body.renderStatus).toBe('pending');
    expect(res.body.artifacts.html).toBeUndefined();

    const report = await until(
      async () => (await get(`/api/tofui/v1/reports/${res.body.id}`)).body,
      r => r.renderStatus !== 'pending',
    );
    expect(report.renderStatus).toBe('rendered');
    expect(report.artifacts.html).toMatchObject({
      contentType: 'text/html; charset=utf-8',
    });

    const html = await get(`/api/tofui/v1/reports/${res.body.id}/html`);
    expect(html.status).toBe(200);
    expect(html.headers['content-security-policy']).toBe(HTML_CSP);
    expect(html.text).toContain(
      '<h1>Run render-1<span class="verdict v2">Changes</span></h1>',
    );
    expect(html.text).not.toContain(SECRET);
    const model = await readReportModel(html.text);
    expect(JSON.stringify(model)).not.toContain(SECRET);
    expect(model.summary).toMatchObject({ replace: 1 });
    expect(model.meta).toMatchObject({
      repository: 'acme/infrastructure',
      folder: 'aws_us_east_2',
    });

    // the list and the summary show it rendered too (caches were invalidated)
    const list = await get(
      '/api/tofui/v1/reports?repository=acme/infrastructure',
    );
    expect(list.body.items[0].renderStatus).toBe('rendered');
    // the job is done and gone
    expect(await renderJobs()).toBe(0);
  });

  it('renders the report of a log alone (a failed plan, no plan JSON): its errors', async () => {
    const log = [
      'Error: Unsupported argument',
      '',
      '  on network.tf line 8, in resource "aws_subnet" "private":',
      '   8:   availability_zone_name = "eu-west-1a"',
      '',
      'An argument named "availability_zone_name" is not expected here.',
      '',
      'Planning failed. Terraform encountered an error while generating this plan.',
      '',
    ].join('\n');
    const res = await publish('render-log').attach(
      'log',
      Buffer.from(log),
      'plan.log',
    );
    expect(res.status).toBe(201);
    expect(res.body.renderStatus).toBe('pending');
    const report = await until(
      async () => (await get(`/api/tofui/v1/reports/${res.body.id}`)).body,
      r => r.renderStatus !== 'pending',
    );
    expect(report.renderStatus).toBe('rendered');
    const html = await get(`/api/tofui/v1/reports/${res.body.id}/html`);
    expect(html.status).toBe(200);
    const model = JSON.stringify(await readReportModel(html.text));
    expect(model).toContain('Unsupported argument');
    expect(model).toContain('network.tf');
  });

  it('does not render when CI sent its HTML, and a republish with HTML ends tofUI rendering', async () => {
    const withHtml = await publish('render-2')
      .attach('html', Buffer.from('<p>from CI</p>'), 'r.html')
      .attach('plan', Buffer.from(PLAN), 'plan.json');
    expect(withHtml.status).toBe(201);
    expect(withHtml.body.renderStatus).toBeUndefined();
    expect(await renderJobs()).toBe(0);

    const planOnly = await publish('render-3').attach(
      'plan',
      Buffer.from(PLAN),
      'plan.json',
    );
    await until(
      async () => (await get(`/api/tofui/v1/reports/${planOnly.body.id}`)).body,
      r => r.renderStatus === 'rendered',
    );
    const republished = await publish('render-3')
      .attach('html', Buffer.from('<p>from CI, later</p>'), 'r.html')
      .attach('plan', Buffer.from(PLAN), 'plan.json');
    expect(republished.status).toBe(200);
    expect(republished.body.renderStatus).toBeUndefined();
    expect(
      (await get(`/api/tofui/v1/reports/${planOnly.body.id}/html`)).text,
    ).toBe('<p>from CI, later</p>');
    expect(
      (await get(`/api/tofui/v1/reports/${planOnly.body.id}`)).body
        .renderStatus,
    ).toBeUndefined();
  });

  it('marks a report failed when its last render attempt fails', async () => {
    const ok = await publish('render-4').attach(
      'plan',
      Buffer.from(PLAN),
      'plan.json',
    );
    const rendered = await until(
      async () => (await get(`/api/tofui/v1/reports/${ok.body.id}`)).body,
      r => r.renderStatus === 'rendered',
    );
    expect(rendered.renderStatus).toBe('rendered');
    // The plan object is gone (lost bucket, say) and a render is on its last attempt.
    const row = await knex('reports')
      .where({ id: ok.body.id })
      .first('artifacts');
    const artifacts =
      typeof row.artifacts === 'string'
        ? JSON.parse(row.artifacts)
        : row.artifacts;
    await knex('reports')
      .where({ id: ok.body.id })
      .update({
        artifacts: JSON.stringify({
          plan: {
            ...artifacts.plan,
            key: 'reports/acme/infrastructure/aws_us_east_2/gone.json',
          },
        }),
        render_status: 'pending',
      });
    const now = new Date();
    await knex('jobs').insert({
      id: '5a0c8d0e-1d7e-4c4e-9a51-3e2b6d1f0a42',
      type: 'render-report',
      payload: JSON.stringify({ reportId: ok.body.id }),
      status: 'pending',
      attempts: 4,
      max_attempts: 5,
      run_after: now,
      created_at: now,
      updated_at: now,
    });
    // another publish wakes the job runner, which takes every due job
    await publish('render-5').attach('plan', Buffer.from(PLAN), 'plan.json');
    const failed = await until(
      async () => (await get(`/api/tofui/v1/reports/${ok.body.id}`)).body,
      r => r.renderStatus !== 'pending',
    );
    expect(failed.renderStatus).toBe('failed');
    expect(failed.artifacts.html).toBeUndefined();
    const job = await knex('jobs')
      .where({ id: '5a0c8d0e-1d7e-4c4e-9a51-3e2b6d1f0a42' })
      .first();
    expect(job).toMatchObject({ status: 'failed', attempts: 5 });
    expect(job.last_error).toMatch(/gone\.json/);
  });
});
