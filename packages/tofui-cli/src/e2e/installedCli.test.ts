/*
 * End to end: the packed @tofui/cli tarball, installed as a user would with
 * the machine's own Node and npm (not the repository's Node 22), offline,
 * into an empty folder; then the installed `tofui` renders, runs the
 * original's invocation, publishes to a running tofUI backend and comments
 * on a (local, fake) GitHub pull request.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFakeCodeHost } from '../__testUtils__/fakeCodeHost';
import { CI_TOKEN, startTofuiBackend } from '../__testUtils__/tofuiBackend';

const run = promisify(execFile);
jest.setTimeout(240_000);

const PACKAGE_DIR = path.resolve(__dirname, '../..');
const { version } = require('../../package.json');

/** The first `node` on PATH that is not the repository's own (.tools). */
function systemNode(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.includes('.tools') || dir.includes('node_modules'))
      continue;
    const node = path.join(dir, 'node');
    if (fs.existsSync(node) && fs.existsSync(path.join(dir, 'npm')))
      return node;
  }
  throw new Error(
    'No system node and npm on PATH outside the repository tools',
  );
}

const PLAN = {
  format_version: '1.2',
  resource_changes: [
    {
      address: 'aws_instance.old',
      mode: 'managed',
      type: 'aws_instance',
      name: 'old',
      change: { actions: ['delete'], before: { ami: 'ami-1' }, after: null },
    },
    {
      address: 'aws_s3_bucket.logs',
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'logs',
      change: {
        actions: ['create'],
        before: null,
        after: { bucket: 'acme-logs' },
      },
    },
  ],
};

describe('the packed CLI, installed with the system Node and npm', () => {
  let work: string;
  let node: string;
  let tofui: string;
  let backend: Awaited<ReturnType<typeof startTofuiBackend>>;
  let host: Awaited<ReturnType<typeof startFakeCodeHost>>;
  const baseEnv = () => ({
    PATH: `${path.dirname(node)}${path.delimiter}/usr/bin${path.delimiter}/bin`,
    HOME: work,
  });
  const tofuiRun = (args: string[], env: Record<string, string> = {}) =>
    run(node, [tofui, ...args], { cwd: work, env: { ...baseEnv(), ...env } });

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-e2e-'));
    node = systemNode();
    const tarball = path.join(work, 'tofui-cli.tgz');
    // as `make dist` does: build (the bundle), then yarn pack (prepack)
    await run(process.execPath, ['scripts/bundle.mjs'], { cwd: PACKAGE_DIR });
    await run('yarn', ['pack', '--out', tarball], { cwd: PACKAGE_DIR });

    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{"private":true}');
    const npm = path.join(path.dirname(node), 'npm');
    await run(
      npm,
      ['install', '--offline', '--no-audit', '--no-fund', tarball],
      {
        cwd: project,
        env: {
          ...baseEnv(),
          // a registry nothing listens on: the install must not need one
          npm_config_registry: 'http://127.0.0.1:9/',
          npm_config_cache: path.join(work, 'npm-cache'),
          npm_config_update_notifier: 'false',
        },
      },
    );
    tofui = path.join(project, 'node_modules/.bin/tofui');
    fs.writeFileSync(path.join(work, 'plan.json'), JSON.stringify(PLAN));
    [backend, host] = await Promise.all([
      startTofuiBackend(),
      startFakeCodeHost({
        githubToken: 'ghs_e2e',
        gitlabToken: 'unused',
        gitlabProject: '1',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([backend?.stop(), host?.stop()]);
  });

  it('installs one package with no dependencies, on Node >= 18', async () => {
    const { stdout } = await run(node, ['--version']);
    expect(
      Number(stdout.trim().replace(/^v/, '').split('.')[0]),
    ).toBeGreaterThanOrEqual(18);
    const modules = path.join(work, 'project/node_modules');
    expect(fs.readdirSync(modules).filter(d => !d.startsWith('.'))).toEqual([
      '@tofui',
    ]);
    const pkg = JSON.parse(
      fs.readFileSync(path.join(modules, '@tofui/cli/package.json'), 'utf8'),
    );
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.engines).toEqual({ node: '>=18' });
  });

  it('prints its version', async () => {
    expect((await tofuiRun(['--version'])).stdout).toBe(`${version}\n`);
  });

  it('renders a plan and a log alone', async () => {
    await tofuiRun(['render', 'plan.json', '-o', 'report.html']);
    expect(fs.readFileSync(path.join(work, 'report.html'), 'utf8')).toMatch(
      /^<!doctype html>/i,
    );
    fs.writeFileSync(
      path.join(work, 'apply.log'),
      'aws_s3_bucket.logs: Creating...\naws_s3_bucket.logs: Creation complete after 2s [id=acme-logs]\n\nApply complete! Resources: 1 added, 0 changed, 0 destroyed.\n',
    );
    await tofuiRun(['render', '--log', 'apply.log', '-o', 'apply.html']);
    expect(fs.existsSync(path.join(work, 'apply.html'))).toBe(true);
  });

  it("runs the original's invocation and publishes to the backend", async () => {
    const { stdout } = await tofuiRun(
      [
        'plan.json',
        '--build-name',
        'PR #5 plan',
        '--repo',
        'acme/infra',
        '--folder',
        'network',
        '--export-vars-file',
        'vars.sh',
      ],
      { TOFUI_SERVER: backend.url, TOFUI_TOKEN: CI_TOKEN },
    );
    expect(fs.existsSync(path.join(work, 'pr-5-plan.html'))).toBe(true);
    const [report] = (await backend.allReports()).filter(
      r => r.buildName === 'PR #5 plan',
    );
    expect(report).toMatchObject({
      reportType: 'test',
      statuses: { terraform_plan: 2 },
    });
    expect(stdout).toContain(`${backend.url}/tofui/reports/${report.id}`);
    expect(fs.readFileSync(path.join(work, 'vars.sh'), 'utf8')).toContain(
      `TOFUI_REPORT_ID='${report.id}'`,
    );
  });

  it('publishes with publish --comment, commenting on the pull request', async () => {
    const { stdout } = await tofuiRun(
      ['publish', '--folder', '_root', '--plan', 'plan.json', '--comment'],
      {
        TOFUI_SERVER: backend.url,
        TOFUI_TOKEN: CI_TOKEN,
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY: 'acme/infra',
        GITHUB_RUN_ID: '99',
        GITHUB_REF: 'refs/pull/5/merge',
        GITHUB_TOKEN: 'ghs_e2e',
        GITHUB_API_URL: host.url,
      },
    );
    expect(stdout).toMatch(/Published build report/);
    const comments = host.github.get('acme/infra#5')!;
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('🗑️ delete `aws_instance.old`');
    expect(comments[0].body).toMatch(
      /\[Full report in Backstage\]\(http:\/\/.*\/tofui\/reports\//,
    );
  });

  it("runs the GitHub Action's step (action.yml) with the installed CLI", async () => {
    const outputs = path.join(work, 'github-output');
    fs.writeFileSync(outputs, '');
    await run(
      'bash',
      [path.resolve(PACKAGE_DIR, '../../ci/github/publish.sh')],
      {
        cwd: work,
        env: {
          ...baseEnv(),
          TOFUI_CLI: `${node} ${tofui}`,
          TOFUI_SERVER: backend.url,
          TOFUI_TOKEN: CI_TOKEN,
          GITHUB_TOKEN: 'ghs_e2e',
          GITHUB_ACTIONS: 'true',
          GITHUB_REPOSITORY: 'acme/infra',
          GITHUB_RUN_ID: '100',
          GITHUB_REF: 'refs/pull/6/merge',
          GITHUB_API_URL: host.url,
          GITHUB_OUTPUT: outputs,
          RUNNER_TEMP: work,
          IN_FOLDER: 'network',
          IN_PLAN: 'plan.json',
          IN_TYPE: 'test',
          IN_COMMENT: 'true',
        },
      },
    );
    const [report] = (await backend.allReports()).filter(
      r => r.buildName === '100',
    );
    expect(report).toMatchObject({ reportType: 'test', folder: 'network' });
    expect(fs.readFileSync(outputs, 'utf8')).toBe(
      `report-url=${backend.url}/tofui/reports/${report.id}\n` +
        `verdict=${report.overallStatus}\nreport-id=${report.id}\n`,
    );
    expect(host.github.get('acme/infra#6')).toHaveLength(1);
  });
});
