import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { readReportModel, renderPlanReport } from '@tofui/report';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import request from 'supertest';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/testServices';
import { tofuiPlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const REDACTED = '(sensitive value)';

/** Unique per run, so that a hit can only come from this test. */
const unique = (label: string) =>
  `${label}-${randomBytes(6).toString('hex')}-planted`;

/**
 * The engine's secrets plan with a secret of its own in every sensitive spot:
 * resource changes, drift, deferred changes, outputs, planned values, prior
 * state, variables and their defaults.
 */
function plantedPlan() {
  const secrets: string[] = [];
  const fixture = path.resolve(
    require.resolve('@tofui/report'),
    '../__fixtures__/secrets-plan.json',
  );
  const plan = fs
    .readFileSync(fixture, 'utf8')
    .replace(/"(?:old-|drifted-)?hunter2-SECRET"/g, () => {
      secrets.push(unique(`plan${secrets.length}`));
      return JSON.stringify(secrets[secrets.length - 1]);
    });
  return { plan, secrets };
}

/** A log of the same run that prints them all, and secrets of known shapes. */
function plantedLog(planSecrets: string[], visible: string) {
  const shaped = {
    github: `ghp_${randomBytes(18).toString('hex')}`,
    urlPassword: unique('urlpw'),
    password: unique('pw'),
  };
  const log = [
    `tofu plan (${visible})`,
    ...planSecrets.map(s => `debug: provider said ${s} and {"v":"${s}"}`),
    `git clone https://ci:${shaped.urlPassword}@git.example.com/infra.git`,
    `export GITHUB_TOKEN=${shaped.github}`,
    `psql password=${shaped.password}`,
    'Plan: 1 to add, 1 to change, 0 to destroy.',
  ].join('\n');
  return { log, secrets: Object.values(shaped) };
}

/** Table rows as text: binary columns (database storage) decoded. */
function rowsText(rows: unknown[]): string {
  return JSON.stringify(rows, (_key, value) =>
    value?.type === 'Buffer' && Array.isArray(value.data)
      ? Buffer.from(value.data).toString('utf8')
      : value,
  );
}

/** Every row of every table of the test database, as text. */
async function databaseDump(knex: Knex): Promise<string> {
  const tables: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex('information_schema.tables')
            .where('table_schema', knex.raw('current_schema()'))
            .select('table_name')
        ).map((r: { table_name: string }) => r.table_name)
      : (await knex('sqlite_master').where('type', 'table').select('name')).map(
          (r: { name: string }) => r.name,
        );
  expect(tables).toEqual(expect.arrayContaining(['reports', 'audit_logs']));
  let dump = '';
  for (const table of tables) {
    dump += `${table}: ${rowsText(await knex(table).select('*'))}\n`;
  }
  return dump;
}

/** Every file under `dir`, as text; rendered reports with their embedded data decoded. */
async function filesDump(dir: string): Promise<string> {
  let dump = '';
  for (const entry of fs.readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, String(entry));
    if (fs.statSync(file).isFile()) {
      dump += `${entry}: ${await withEmbeddedData(
        fs.readFileSync(file, 'utf8'),
      )}\n`;
    }
  }
  return dump;
}

async function withEmbeddedData(text: string): Promise<string> {
  return text.includes('id="tofui-data"')
    ? `${text}\n${JSON.stringify(await readReportModel(text))}`
    : text;
}

describe.each(
  databases
    .eachSupportedId()
    .flatMap(([id]) => [[id, 'local'] as const, [id, 'database'] as const]),
)('secrets published on %s with %s storage', (id, storage) => {
  let knex: Knex;
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;
  let dir: string;

  beforeAll(async () => {
    knex = await databases.init(id);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-secrets-'));
    api = await startTofuiBackend(knex, {
      storage:
        storage === 'local'
          ? { backend: 'local', local: { basePath: dir } }
          : { backend: 'database' },
    });
  });
  afterAll(async () => {
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const publish = (build: string) =>
    api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .field(
        'report',
        JSON.stringify({ ...ORIGINAL_REPORT, build_name: build }),
      );
  const get = (url: string) => api.asUser(api.http().get(url));

  /** Everything tofUI keeps: every table and every stored artifact. */
  async function everythingStored() {
    const stored = await databaseDump(knex);
    return storage === 'local' ? stored + (await filesDump(dir)) : stored;
  }

  it('stores none of them, wherever they were in the plan, the log and the HTML', async () => {
    const { plan, secrets: planSecrets } = plantedPlan();
    const visible = unique('visible');
    const { log, secrets: shapedSecrets } = plantedLog(planSecrets, visible);
    const secrets = [...planSecrets, ...shapedSecrets];
    expect(planSecrets).toHaveLength(17);
    // CI's own report, made by the engine from the raw plan and log
    const html = await renderPlanReport(JSON.parse(plan), { log });

    // the log before the plan: the server must wait for the plan to mask it
    const first = await publish('secrets-1')
      .attach('html', Buffer.from(html), 'report.html')
      .attach('log', Buffer.from(log), 'plan.log')
      .attach('plan', Buffer.from(plan), 'plan.json');
    expect([first.status, first.body.error?.message]).toEqual([201, undefined]);
    // the log after the plan, inline; no HTML, so tofUI renders its own
    const second = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .send({
        ...ORIGINAL_REPORT,
        build_name: 'secrets-2',
        artifacts: { plan: { content: plan }, log: { content: log } },
      });
    expect([second.status, second.body.error?.message]).toEqual([
      201,
      undefined,
    ]);
    // generous: the render runs in a task process, slow to start on a loaded machine
    const deadline = Date.now() + 90_000;
    let rendered;
    do {
      await new Promise(r => setTimeout(r, 100));
      rendered = (await get(`/api/tofui/v1/reports/${second.body.id}`)).body;
    } while (rendered.renderStatus === 'pending' && Date.now() < deadline);
    expect(rendered.renderStatus).toBe('rendered');

    // the reports and their masked logs were stored: the search below finds
    // what is there to find
    for (const report of [first.body, second.body]) {
      const stored = await get(`/api/tofui/v1/reports/${report.id}/log`);
      expect(stored.status).toBe(200);
      expect(stored.text).toContain(visible);
      expect(stored.text).toContain(REDACTED);
    }
    const everything = await everythingStored();
    expect(everything).toContain(visible);
    expect(everything).toContain('secrets-1');
    expect(everything).toContain('secrets-2');
    expect(secrets.filter(secret => everything.includes(secret))).toEqual([]);
  });
});

describe.each(databases.eachSupportedId())('tofui.redaction on %s', id => {
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;

  beforeAll(async () => {
    api = await startTofuiBackend(await databases.init(id), {
      storage: { backend: 'database' },
      redaction: {
        rules: [
          { name: 'acme-license', pattern: 'ACME-[0-9A-Z]{4}-[0-9A-Z]{4}' },
        ],
        allow: ['AKIA[0-9A-Z]+EXAMPLE'],
      },
    });
  });
  afterAll(() => api.stop());

  it('masks in plan and log what the plan does not mark: its rules, not its allow-list', async () => {
    const envSecret = unique('env');
    const ownShape = 'ACME-7F3K-9QX2';
    const allowed = 'AKIAIOSFODNN7EXAMPLE'; // AWS's documented example key
    const plan = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_ecs_task_definition.app',
          type: 'aws_ecs_task_definition',
          change: {
            actions: ['create'],
            before: null,
            after: {
              environment: [
                { name: 'DB_PASSWORD', value: envSecret },
                { name: 'LICENSE', value: ownShape },
                { name: 'EXAMPLE_KEY_ID', value: allowed },
              ],
            },
          },
        },
      ],
    });
    // a token only the log holds: found there, not in the plan
    const logOnly = `ghp_${randomBytes(18).toString('hex')}`;
    const log = `env ${envSecret}\nlicense ${ownShape}\nkey ${allowed}\nclone ${logOnly}\n`;
    const published = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .send({
        ...ORIGINAL_REPORT,
        build_name: 'redaction-config',
        artifacts: { plan: { content: plan }, log: { content: log } },
      });
    expect([published.status, published.body.error?.message]).toEqual([
      201,
      undefined,
    ]);
    const get = (kind: string) =>
      api.asUser(
        api
          .http()
          .get(
            `/api/tofui/v1/reports/${published.body.id}${kind && `/${kind}`}`,
          ),
      );
    const storedLog = (await get('log')).text;
    expect(storedLog).toBe(
      `env ${REDACTED}\nlicense ${REDACTED}\nkey ${allowed}\nclone ${REDACTED}\n`,
    );
    const storedPlan = JSON.parse((await get('plan')).text);
    expect(
      storedPlan.resource_changes[0].change.after.environment.map(
        (e: { value: string }) => e.value,
      ),
    ).toEqual([REDACTED, REDACTED, allowed]);
    expect(storedPlan.tofui_redaction.rules).toEqual({
      'secret-named-key': 1,
      'acme-license': 1,
    });

    // what the log's masking found is kept with the log (the plan's values
    // masked in it are counted in the plan's report)...
    const logRedaction = {
      total: 1,
      rules: { 'github-token': 1 },
      paths: [{ path: 'log', rule: 'github-token' }],
    };
    expect(published.body.artifacts.log.redaction).toEqual(logRedaction);
    // ...and reaches the report rendered from the masked log, where masking
    // again finds nothing more
    const deadline = Date.now() + 90_000;
    let report;
    do {
      await new Promise(r => setTimeout(r, 100));
      report = (await get('')).body;
    } while (report.renderStatus === 'pending' && Date.now() < deadline);
    expect(report.renderStatus).toBe('rendered');
    expect(report.artifacts.log.redaction).toEqual(logRedaction);
    const model = await readReportModel((await get('html')).text);
    expect(model.redaction).toEqual({
      total: 3,
      rules: { 'secret-named-key': 1, 'acme-license': 1, 'github-token': 1 },
      paths: [
        ...storedPlan.tofui_redaction.paths,
        { path: 'log', rule: 'github-token' },
      ],
    });
  });
});

describe('the CI token', () => {
  const TOKEN = `ci-token-${randomBytes(12).toString('hex')}`;
  const logged: string[] = [];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let knex: Knex;
  let dir: string;
  let spies: jest.SpyInstance[];

  beforeAll(async () => {
    // the mock root logger writes every line, with its metadata, to the console
    spies = (['debug', 'info', 'warn', 'error'] as const).map(level =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(
          args
            .map(a => (typeof a === 'string' ? a : inspect(a, { depth: null })))
            .join(' '),
        );
      }),
    );
    knex = await databases.init('SQLITE_3');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-token-'));
    backend = await startTestBackend({
      features: [
        tofuiPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.database.factory({ knex }),
        mockServices.rootLogger.factory({ level: 'debug' }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKEN, subject: 'tofui-ci' },
                    accessRestrictions: [{ plugin: 'tofui' }],
                  },
                ],
              },
            },
            tofui: { storage: { backend: 'local', local: { basePath: dir } } },
          },
        }),
      ],
    });
  });
  afterAll(async () => {
    await backend.stop();
    spies.forEach(spy => spy.mockRestore());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is never logged nor stored, whether the publish succeeds or fails', async () => {
    const post = () =>
      request(backend.server)
        .post('/api/tofui/v1/reports')
        .set('Authorization', `Bearer ${TOKEN}`);
    const ok = await post()
      .field('report', JSON.stringify(ORIGINAL_REPORT))
      .attach('log', Buffer.from(`TOFUI_CI_TOKEN=${TOKEN}\n`), 'plan.log');
    expect([ok.status, ok.body.error?.message]).toEqual([201, undefined]);
    const invalid = await post().send({ ...ORIGINAL_REPORT, folder: '../x' });
    expect(invalid.status).toBe(400);
    const refused = await request(backend.server)
      .post('/api/tofui/v1/reports')
      .set('Authorization', `Bearer ${TOKEN}x`)
      .send(ORIGINAL_REPORT);
    expect(refused.status).toBe(401);

    // the publish was logged (audited): the search below has lines to search
    expect(logged.join('\n')).toMatch(/report-publish/);
    expect(logged.filter(line => line.includes(TOKEN))).toEqual([]);
    const stored = (await databaseDump(knex)) + (await filesDump(dir));
    expect(stored).toContain('tofui-ci');
    expect(stored).not.toContain(TOKEN);
  });
});
