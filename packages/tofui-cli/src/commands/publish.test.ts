import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import tofuiPlugin from '@tofui/backstage-plugin-tofui-backend';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { run } from '../index';
import { publish } from './publish';

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
          tofui: {
            storage: { backend: 'local', local: { basePath: artifacts } },
          },
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
    // the tests may themselves run in CI: what it exports must not leak in
    const outsideCi = { ...env };
    for (const name of [
      'GITHUB_ACTIONS',
      'GITLAB_CI',
      'JENKINS_URL',
      'CODEBUILD_BUILD_ID',
      'TOFUI_RETRIES',
    ]) {
      delete outsideCi[name];
    }
    process.env = { ...outsideCi, TOFUI_CI_TOKEN: TOKEN };
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
      /^Published build report [0-9a-f-]{36}: acme\/infra aws_us_east_1 deploy-42 — PASSING\nhttp:\/\/localhost:\d+\/tofui\/reports\/[0-9a-f-]{36}$/,
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

  /** A stand-in server that keeps what the CLI sent and answers 503. */
  async function captureServer() {
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
    const { port } = capture.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      received: () => received,
      close: () => capture.close(),
    };
  }

  /** `tofui publish` of a plan and a log to a capture server: what it sent. */
  async function sent(plan: string, log: string, ...flags: string[]) {
    const capture = await captureServer();
    try {
      const result = await cli(
        'publish',
        '--server',
        capture.url,
        '--repo',
        'acme/infra',
        '--folder',
        'f',
        '--build-name',
        'b',
        '--plan',
        plan,
        '--log',
        log,
        '--retries',
        '0',
        ...flags,
      );
      expect(result.code).toBe(4);
      expect(result.err).toMatch(/Server answered 503: captured/);
      return capture.received();
    } finally {
      capture.close();
    }
  }

  it('redacts the plan and masks the log before they leave CI', async () => {
    const files = writeFiles();
    const ciToken = `ghp_${'Zx9'.repeat(12)}`;
    fs.writeFileSync(
      files.log,
      `password was ${SECRET}\nGITHUB_TOKEN=${ciToken}\nPlan: 1 to add.\n`,
    );
    const received = await sent(files.plan, files.log);
    expect(received).toMatch(
      /name="report"[\s\S]*name="plan"; filename="plan.json"/,
    );
    expect(received).toContain('(sensitive value)');
    expect(received).toContain(
      'password was (sensitive value)\nGITHUB_TOKEN=(sensitive value)\nPlan: 1 to add.',
    );
    expect(received).not.toContain(SECRET);
    expect(received).not.toContain(ciToken);
    // what was masked in the log here goes with the report (the server finds
    // nothing more in a masked log): rules and where, never values
    const report = JSON.parse(
      received.match(
        /name="report"[^\n]*\r?\n(?:[^\n]*\r?\n)*?\r?\n(\{.*\})\r?\n/,
      )![1],
    );
    expect(report.log_redaction).toEqual({
      total: 1,
      rules: { 'secret-named-key': 1 },
      paths: [{ path: 'log', rule: 'secret-named-key' }],
    });
  });

  it('applies --redaction-config, and masks in the log what the second layer found in the plan', async () => {
    const files = writeFiles();
    // secrets the plan does not mark: an env pair and one of our own shape
    const envSecret = 'unmarked-env-secret-41';
    const ownShape = 'ACME-7F3K-9QX2';
    const allowed = 'AKIAIOSFODNN7EXAMPLE'; // AWS's documented example key
    fs.writeFileSync(
      files.plan,
      JSON.stringify({
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
      }),
    );
    fs.writeFileSync(
      files.log,
      `env DB_PASSWORD is ${envSecret}\nlicense ${ownShape}\nkey ${allowed}\n`,
    );
    const config = path.join(path.dirname(files.plan), 'redaction.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        rules: [
          { name: 'acme-license', pattern: 'ACME-[0-9A-Z]{4}-[0-9A-Z]{4}' },
        ],
        allow: ['AKIA[0-9A-Z]+EXAMPLE'],
      }),
    );

    const received = await sent(
      files.plan,
      files.log,
      '--redaction-config',
      config,
    );
    expect(received).not.toContain(envSecret);
    expect(received).not.toContain(ownShape);
    expect(received).toContain('env DB_PASSWORD is (sensitive value)');
    expect(received).toContain('license (sensitive value)');
    expect(received).toContain(`key ${allowed}`);
    // the redaction report names the rules, never the values
    expect(received).toContain('acme-license');
    expect(received).toContain('secret-named-key');

    // without the config, the allow-listed key is masked and the own shape is not
    const plain = await sent(files.plan, files.log);
    expect(plain).not.toContain(envSecret);
    expect(plain).toContain(`license ${ownShape}`);
    expect(plain).not.toContain(allowed);
  });

  it('refuses a --redaction-config whose rule is not a regex, sending nothing', async () => {
    const files = writeFiles();
    const config = path.join(path.dirname(files.plan), 'bad.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ rules: [{ name: 'broken', pattern: '([a-z' }] }),
    );
    const result = await cli(
      ...base(),
      '--plan',
      files.plan,
      '--redaction-config',
      config,
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(`--redaction-config ${config}`);
    expect(result.err).toContain('broken');
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

  it('exits 4 when the server stays unreachable', async () => {
    // a port that was just free: nothing listens there
    const closed = http.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise(resolve => closed.close(resolve));
    // one retry keeps the real backoff short (250-500 ms)
    process.env.TOFUI_RETRIES = '1';
    const result = await cli(
      'publish',
      '--server',
      `http://127.0.0.1:${port}`,
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
    expect(result.err).toMatch(
      /^tofui: cannot reach the server \(ECONNREFUSED\), retrying in 0\.[2-5] s \(attempt 2\/2\)\ntofui: Cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\n$/,
    );
  });

  const SHA = '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39';
  const githubPullRequest = {
    GITHUB_ACTIONS: 'true',
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/pull/17/merge',
    GITHUB_REF_NAME: '17/merge',
    GITHUB_HEAD_REF: 'feature/vpc',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/from-ci',
    GITHUB_RUN_ID: '9876543211',
    GITHUB_RUN_NUMBER: '43',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'plan',
    GITHUB_ACTOR: 'octocat',
  };
  const folderOnly = () => [
    'publish',
    '--server',
    server.url,
    '--folder',
    'ci_detect',
    '--type',
    'test',
    '--status',
    'terraform_plan:2',
    '--json',
  ];

  it('fills repository, build name and run details from the CI', async () => {
    Object.assign(process.env, githubPullRequest);
    const result = await cli(...folderOnly());
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(result.out)).toMatchObject({
      repository: 'acme/from-ci',
      buildName: 'plan #43',
      buildUrl: 'https://github.com/acme/from-ci/actions/runs/9876543211',
      metadata: {
        commitSha: SHA,
        branch: 'feature/vpc',
        pullRequest: 17,
        ciProvider: 'github-actions',
        actor: 'octocat',
      },
    });
  });

  it('lets flags win over the CI, and --no-ci-detect ignore it', async () => {
    Object.assign(process.env, githubPullRequest);
    const flagged = await cli(
      ...folderOnly(),
      '--repo',
      'acme/flagged',
      '--build-name',
      'flagged-1',
      '--commit',
      'abcdef1',
      '--branch',
      'hotfix',
      '--pull-request',
      '18',
      '--actor',
      'release-bot',
      '--build-url',
      'https://ci.example.com/1',
    );
    expect(flagged.code).toBe(0);
    expect(JSON.parse(flagged.out)).toMatchObject({
      repository: 'acme/flagged',
      buildName: 'flagged-1',
      buildUrl: 'https://ci.example.com/1',
      metadata: {
        commitSha: 'abcdef1',
        branch: 'hotfix',
        pullRequest: 18,
        ciProvider: 'github-actions',
        actor: 'release-bot',
      },
    });

    const ignored = await cli(
      ...folderOnly(),
      '--repo',
      'acme/flagged',
      '--build-name',
      'flagged-2',
      '--no-ci-detect',
    );
    expect(ignored.code).toBe(0);
    expect(JSON.parse(ignored.out).metadata).toEqual({});
  });

  it('names the flag CI could not fill, and checks the run flags', async () => {
    const noRepo = await cli(...folderOnly(), '--build-name', 'x');
    expect(noRepo).toMatchObject({ code: 2, out: '' });
    expect(noRepo.err).toMatch(
      /^tofui: Give --repo <owner\/name>: it could not be detected/,
    );

    Object.assign(process.env, githubPullRequest);
    const off = await cli(...folderOnly(), '--repo', 'a/b', '--no-ci-detect');
    expect(off.code).toBe(2);
    expect(off.err).toMatch(/Give --build-name <name>: CI detection is off/);

    const badPr = await cli(...folderOnly(), '--pull-request', '#12');
    expect(badPr.code).toBe(2);
    expect(badPr.err).toMatch(/--pull-request must be a pull request number/);
    const badSha = await cli(...folderOnly(), '--commit', 'main');
    expect(badSha.code).toBe(2);
    expect(badSha.err).toMatch(/--commit must be a commit SHA/);
  });

  it('records an apply with --apply-mode and --terraform-exit-code', async () => {
    const failed = await cli(
      ...base(),
      '--build-name',
      'apply-1',
      '--apply-mode',
      '--terraform-exit-code',
      '1',
      '--status',
      'tfsec:0',
      '--json',
    );
    expect(failed.code).toBe(0);
    expect(JSON.parse(failed.out)).toMatchObject({
      statuses: { terraform_apply: 1, tfsec: 0 },
      overallStatus: 'failing',
    });

    const noResult = await cli(
      ...base(),
      '--build-name',
      'apply-2',
      '--apply-mode',
    );
    expect(noResult.code).toBe(2);
    expect(noResult.err).toMatch(/--apply-mode needs the apply result/);
  });

  it('takes the plan status from --terraform-exit-code over --plan', async () => {
    const files = writeFiles(); // a plan that creates a resource: 2
    const result = await cli(
      ...base(),
      '--build-name',
      'plan-error-1',
      '--plan',
      files.plan,
      '--no-upload-plan',
      '--terraform-exit-code',
      '1',
      '--json',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).statuses).toEqual({ terraform_plan: 1 });
  });

  it('shows upload progress on a terminal, and the server gets every byte', async () => {
    const dir = fs.mkdtempSync(path.join(server.artifacts, 'big-'));
    const log = path.join(dir, 'apply.log');
    // 3 MB of log lines: large enough for the progress display
    fs.writeFileSync(
      log,
      Array.from({ length: 60_000 }, (_, i) => `line ${i} ${'-'.repeat(40)}`)
        .join('\n')
        .slice(0, 3_000_000),
    );
    const terminal: string[] = [];
    const out: string[] = [];
    await publish(
      {
        server: server.url,
        repo: 'acme/infra',
        folder: 'big_upload',
        type: 'build',
        buildName: 'big-1',
        status: ['terraform_apply:0'],
        log,
        json: true,
      },
      line => out.push(line),
      {
        env: { TOFUI_CI_TOKEN: TOKEN },
        stderr: { isTTY: true, write: chunk => terminal.push(chunk) },
      },
    );
    const report = JSON.parse(out.join('\n'));
    expect(report.artifacts.log.size).toBe(fs.statSync(log).size);
    const stored = await fetch(
      `${server.url}/api/tofui/v1/reports/${report.id}/log`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    // toBe: strings compare at once, where toEqual walks a Buffer per byte
    expect(await stored.text()).toBe(fs.readFileSync(log, 'utf8'));

    expect(terminal[0]).toMatch(
      /^\rtofui: uploading \d+(\.\d)? [kM]?B \/ 3\.0 MB \(\d+%\)/,
    );
    expect(terminal[0].endsWith('\x1b[K')).toBe(true);
    expect(terminal[terminal.length - 1]).toBe('\r\x1b[K');
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
