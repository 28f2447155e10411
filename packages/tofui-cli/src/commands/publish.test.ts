import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import tofuiPlugin from '@internal/plugin-tofui-backend';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
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
    const first = await cli(...base(), '--status', 'terraform_plan:2', '--status', 'tfsec:0');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(
      /^Published build report [0-9a-f-]{36}: acme\/infra aws_us_east_1 deploy-42 — PASSING$/,
    );

    const second = await cli(...base(), '--status', 'terraform_apply:1', '--json');
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
    const result = await cli(...base(), '--build-name', 'plan-1', '--plan', plan, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).statuses).toEqual({ terraform_plan: 2 });
  });

  it('exits 3 when the server refuses the token', async () => {
    process.env.TOFUI_CI_TOKEN = 'wrong-token-0123456789';
    const result = await cli(...base(), '--status', 'terraform_plan:0');
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/Server answered 401/);
  });

  it('exits 3 when the server rejects the report, naming the field', async () => {
    const result = await cli(
      'publish', '--server', server.url, '--repo', 'not-a-repo', '--folder', 'f',
      '--build-name', 'b', '--status', 'tfsec:0',
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
      'publish', '--server', 'http://127.0.0.1:9', '--repo', 'a/b', '--folder', 'f',
      '--build-name', 'b', '--status', 'tfsec:0',
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
