import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import tofuiPlugin from '@internal/plugin-tofui-backend';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { run } from '../index';

jest.setTimeout(60_000);

const TOKEN = 'test-ci-token-0123456789';

/**
 * The real tofUI backend plugin behind Backstage's real auth services, with a
 * static external-access token for CI, as app-config.yaml configures it.
 */
async function startServer() {
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-cli-'));
  const backend = await startTestBackend({
    features: [
      tofuiPlugin,
      authServiceFactory,
      httpAuthServiceFactory,
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
          tofui: { storage: { local: { basePath: artifacts } } },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return { backend, url: `http://localhost:${port}`, artifacts };
}

describe('tofui publish', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const env = process.env;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.backend.stop();
    fs.rmSync(server.artifacts, { recursive: true, force: true });
  });
  beforeEach(() => {
    process.env = { ...env, TOFUI_CI_TOKEN: TOKEN };
    process.exitCode = undefined;
  });
  afterEach(() => {
    process.env = env;
    process.exitCode = undefined;
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation(l => out.push(l));
    const write = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(chunk => err.push(String(chunk)) > 0);
    try {
      await run(['node', 'tofui', ...args]);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
    return { code: process.exitCode, out: out.join('\n'), err: err.join('') };
  }

  const base = () => [
    'publish',
    '--server',
    server.url,
    '--repo',
    'acme/infra',
    '--folder',
    'aws_us_east_1',
    '--type',
    'build',
    '--build-name',
    'deploy-42',
  ];

  it('publishes with the CI token, then updates the same build', async () => {
    const first = await cli(
      ...base(),
      '--status',
      'terraform_plan:2',
      '--status',
      'tfsec:0',
    );
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(
      /^Published build report [0-9a-f-]{36}: acme\/infra aws_us_east_1 deploy-42 — PASSING$/,
    );

    const second = await cli(
      ...base(),
      '--status',
      'terraform_apply:1',
      '--json',
    );
    expect(second.code).toBe(0);
    const report = JSON.parse(second.out);
    expect(report).toMatchObject({
      statuses: { terraform_apply: 1 },
      overallStatus: 'failing',
    });
    expect(first.out).toContain(report.id);
  });

  it('derives terraform_plan from --plan', async () => {
    const plan = path.join(server.artifacts, 'plan.json');
    fs.writeFileSync(
      plan,
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [
          { address: 'aws_s3_bucket.a', change: { actions: ['create'] } },
        ],
      }),
    );
    const result = await cli(
      ...base(),
      '--build-name',
      'plan-1',
      '--plan',
      plan,
      '--json',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).statuses).toEqual({ terraform_plan: 2 });
  });

  const SECRET = 'cli-planted-SECRET-7';
  const secretPlan = JSON.stringify({
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
      root_module: { variables: { db_password: { sensitive: true } } },
    },
  });

  function writeFiles() {
    const dir = fs.mkdtempSync(path.join(server.artifacts, 'ci-'));
    const files = {
      plan: path.join(dir, 'plan.json'),
      html: path.join(dir, 'report.html'),
      log: path.join(dir, 'plan.log'),
    };
    fs.writeFileSync(files.plan, secretPlan);
    fs.writeFileSync(files.html, '<!doctype html><h1>report</h1>');
    fs.writeFileSync(files.log, 'Plan: 1 to add, 0 to change, 0 to destroy.\n');
    return files;
  }

  it('uploads the HTML report, the redacted plan and the log', async () => {
    const files = writeFiles();
    const result = await cli(
      ...base(),
      '--build-name',
      'artifacts-1',
      '--plan',
      files.plan,
      '--html',
      files.html,
      '--log',
      files.log,
      '--json',
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    const report = JSON.parse(result.out);
    expect(Object.keys(report.artifacts).sort()).toEqual([
      'html',
      'log',
      'plan',
    ]);
    expect(report.summary).toMatchObject({ add: 1, change: 0, destroy: 0 });

    const get = (kind: string) =>
      fetch(`${server.url}/api/tofui/v1/reports/${report.id}/${kind}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
    expect(await (await get('html')).text()).toBe(
      '<!doctype html><h1>report</h1>',
    );
    expect(await (await get('log')).text()).toMatch(/^Plan: 1 to add/);
    const plan = await (await get('plan')).json();
    expect(plan.resource_changes[0].change.after.password).toBe(
      '(sensitive value)',
    );
    expect(JSON.stringify(plan)).not.toContain(SECRET);
  });

  it('redacts the plan before it leaves CI', async () => {
    // a stand-in server that keeps what the CLI sent
    let received = '';
    const capture = http.createServer((req, res) => {
      req.setEncoding('utf8');
      req.on('data', chunk => {
        received += chunk;
      });
      req.on('end', () => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { name: 'ServiceUnavailableError', message: 'captured' },
            response: { statusCode: 503 },
          }),
        );
      });
    });
    await new Promise<void>(resolve => capture.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = capture.address() as AddressInfo;
      const files = writeFiles();
      const result = await cli(
        'publish',
        '--server',
        `http://127.0.0.1:${port}`,
        '--repo',
        'acme/infra',
        '--folder',
        'f',
        '--build-name',
        'b',
        '--plan',
        files.plan,
      );
      expect(result.code).toBe(4);
      expect(result.err).toMatch(/Server answered 503: captured/);
      expect(received).toMatch(
        /name="report"[\s\S]*name="plan"; filename="plan.json"/,
      );
      expect(received).toContain('(sensitive value)');
      expect(received).not.toContain(SECRET);
    } finally {
      capture.close();
    }
  });

  it('only derives the status with --no-upload-plan, and names an unreadable file', async () => {
    const files = writeFiles();
    const statusOnly = await cli(
      ...base(),
      '--build-name',
      'artifacts-2',
      '--plan',
      files.plan,
      '--no-upload-plan',
      '--json',
    );
    expect(statusOnly.code).toBe(0);
    expect(JSON.parse(statusOnly.out).artifacts).toBeUndefined();

    const missing = await cli(
      ...base(),
      '--status',
      'tfsec:0',
      '--log',
      '/nonexistent/plan.log',
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Cannot read --log \/nonexistent\/plan.log/);
  });

  it('exits 3 when the server refuses the token', async () => {
    process.env.TOFUI_CI_TOKEN = 'wrong-token-0123456789';
    const result = await cli(...base(), '--status', 'terraform_plan:0');
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/Server answered 401/);
  });

  it('exits 3 when the server rejects the report, naming the field', async () => {
    const result = await cli(
      'publish',
      '--server',
      server.url,
      '--repo',
      'not-a-repo',
      '--folder',
      'f',
      '--build-name',
      'b',
      '--status',
      'tfsec:0',
    );
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/400.*source_repo/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli('publish', '--server', server.url)).code).toBe(2);
    expect((await cli(...base(), '--status', 'tfsec=1')).code).toBe(2);
    expect((await cli(...base())).code).toBe(2);
  });

  it('exits 4 when the server is unreachable', async () => {
    const result = await cli(
      'publish',
      '--server',
      'http://127.0.0.1:9',
      '--repo',
      'a/b',
      '--folder',
      'f',
      '--build-name',
      'b',
      '--status',
      'tfsec:0',
    );
    expect(result.code).toBe(4);
    expect(result.err).toMatch(/Cannot reach http:\/\/127.0.0.1:9/);
  });

  it('runs as a program from bin/tofui', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        path.resolve(__dirname, '../../bin/tofui'),
        ...base(),
        '--build-name',
        'bin-1',
        '--status',
        'codebuild:0',
      ],
      { env: { ...process.env, TOFUI_CI_TOKEN: TOKEN } },
    );
    expect(stdout).toMatch(
      /^Published build report [0-9a-f-]{36}: acme\/infra aws_us_east_1 bin-1 — PASSING/,
    );
  });
});
