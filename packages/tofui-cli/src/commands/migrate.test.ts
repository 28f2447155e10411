import type { Report } from '@tofui/backstage-plugin-tofui-common';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  CI_TOKEN,
  cli,
  MIGRATION_TOKEN,
  startTofuiBackend,
  tableRow,
  treeDigest,
} from '../__testUtils__/tofuiBackend';

jest.setTimeout(60_000);

/** The original dashboard's gh-pages tree, with its quirks (see README). */
const FIXTURE = path.resolve(__dirname, '../__fixtures__/legacy-dashboard');
const PLAN_SECRET = 'fixture-db-password-7Q2';
const fixtureFile = (rel: string) =>
  fs.readFileSync(path.join(FIXTURE, rel), 'utf8');

/**
 * What each slot file must become in tofUI. The verdicts follow the
 * imported status types: terraform_plan 1 ("Error") is passing in the old
 * config.json, as it was in the original dashboard.
 */
const EXPECTED = [
  {
    file: 'acme-infrastructure-aws_us_east_1-build-001.json',
    repository: 'acme/infrastructure',
    folder: 'aws_us_east_1',
    reportType: 'build',
    buildName: 'deploy-41',
    overallStatus: 'passing',
    artifacts: {
      html: 'aws_us_east_1/html_report/deploy-41.html',
      plan: 'aws_us_east_1/json_plan/deploy-41.json',
      log: 'aws_us_east_1/logs/deploy-41.log',
    },
  },
  {
    file: 'acme-infrastructure-aws_us_east_1-build-002.json',
    repository: 'acme/infrastructure',
    folder: 'aws_us_east_1',
    reportType: 'build',
    buildName: 'deploy-42',
    overallStatus: 'failing',
    artifacts: { html: 'aws_us_east_1/html_report/deploy-42.html' },
  },
  {
    file: 'acme-infrastructure-aws_us_east_1-test-001.json',
    repository: 'acme/infrastructure',
    folder: 'aws_us_east_1',
    reportType: 'test',
    buildName: 'PR #17 plan',
    overallStatus: 'failing',
    // found by the sanitized build name, as the old tofUI named it
    artifacts: { plan: 'aws_us_east_1/json_plan/pr-17-plan.json' },
  },
  {
    file: 'acme-networking-_root-build-001.json',
    repository: 'acme/networking',
    folder: '_root',
    reportType: 'build',
    buildName: 'network-update-10',
    overallStatus: 'passing',
    // the root's files are at the top of the tree
    artifacts: {
      html: 'html_report/network-update-10.html',
      log: 'logs/network-update-10.log',
    },
  },
  {
    // no report_type: a build, as the old page read it
    file: 'acme-infrastructure-aws_eu_west_1-deploy-7.json',
    repository: 'acme/infrastructure',
    folder: 'aws_eu_west_1',
    reportType: 'build',
    buildName: 'deploy-7',
    overallStatus: 'unknown',
    artifacts: {},
    htmlUrl: 'https://ci.acme.example/artifacts/deploy-7/report.html',
  },
  {
    file: 'acme-application-production-build-001.json',
    repository: 'acme/application',
    folder: 'production',
    reportType: 'build',
    buildName: 'build-456',
    overallStatus: 'passing',
    artifacts: {
      plan: 'production/json_plan/build-456.json',
      log: 'production/logs/build-456.log',
    },
  },
];

const env = { TOFUI_TOKEN: MIGRATION_TOKEN };

/** Waits until the backend has rendered the HTML of plan-only reports. */
async function rendered(reports: () => Promise<Report[]>) {
  for (let i = 0; i < 100; i++) {
    const all = await reports();
    if (!all.some(r => r.renderStatus === 'pending')) {
      return all;
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error('reports still rendering');
}

const snapshot = (reports: Report[]) =>
  reports
    .map(r => `${r.id} ${r.updatedAt} ${r.overallStatus}`)
    .sort()
    .join('\n');

describe('tofui migrate', () => {
  let server: Awaited<ReturnType<typeof startTofuiBackend>>;
  const treeBefore = treeDigest(FIXTURE);
  const migrate = (...args: string[]) =>
    cli(env, 'migrate', '--server', server.url, '--from', FIXTURE, ...args);

  beforeAll(async () => {
    server = await startTofuiBackend();
  });
  afterAll(() => server.stop());

  it('shows what a dry run would import, and writes nothing', async () => {
    const statusTypes = await server.get('/v1/status-types');
    const result = await migrate('--dry-run');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(tableRow(result.out, 'status types')).toEqual([2, 2, 0]);
    expect(tableRow(result.out, 'repositories')).toEqual([3, 0, 0]);
    expect(tableRow(result.out, 'folders')).toEqual([5, 0, 0]);
    expect(tableRow(result.out, 'reports')).toEqual([6, 0, 0]);
    expect(tableRow(result.out, 'artifacts')).toEqual([9, 0, 0]);
    expect(result.out).toMatch(/^\s+would import\s+would skip\s+would fail$/m);
    expect(result.out).toContain(
      'report reports/acme-networking-_root-build-001.json (acme/networking _root build network-update-10): would import with html html_report/network-update-10.html, log logs/network-update-10.log',
    );
    expect(result.out).toMatch(/dry run: nothing was written\.$/);

    expect(await server.allReports()).toEqual([]);
    expect((await server.get('/v1/repositories')).items).toEqual([]);
    expect(await server.get('/v1/status-types')).toEqual(statusTypes);
  });

  it('imports every report with its artifacts, checked report by report', async () => {
    const result = await migrate();
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(tableRow(result.out, 'status types')).toEqual([2, 2, 0]);
    expect(tableRow(result.out, 'repositories')).toEqual([3, 0, 0]);
    expect(tableRow(result.out, 'folders')).toEqual([5, 0, 0]);
    expect(tableRow(result.out, 'reports')).toEqual([6, 0, 0]);
    expect(tableRow(result.out, 'artifacts')).toEqual([9, 0, 0]);

    const reports = await rendered(server.allReports);
    expect(reports).toHaveLength(EXPECTED.length);
    /** An artifact as tofUI serves it, when the fixture has one. */
    const artifactOf = async (
      id: string,
      files: Record<string, string>,
      kind: string,
    ) =>
      files[kind] ? server.get<string>(`/v1/reports/${id}/${kind}`) : undefined;
    const addresses = (plan: string) =>
      JSON.parse(plan).resource_changes.map((c: any) => c.address);
    for (const expected of EXPECTED) {
      const slot = JSON.parse(fixtureFile(`reports/${expected.file}`));
      const report = reports.find(
        r =>
          r.repository === expected.repository &&
          r.folder === expected.folder &&
          r.reportType === expected.reportType &&
          r.buildName === expected.buildName,
      );
      expect([expected.file, report]).toEqual([
        expected.file,
        expect.objectContaining({
          displayName: slot.display_name,
          statuses: slot.statuses,
          overallStatus: expected.overallStatus,
        }),
      ]);
      // the slot's timestamp is the run time (to the millisecond)
      expect(Date.parse(report!.createdAt)).toBe(Date.parse(slot.timestamp));
      // an html_url into the tree gives way to the uploaded HTML
      expect(report!.htmlUrl).toBe(expected.htmlUrl);

      const uploaded = Object.keys(report!.artifacts ?? {}).filter(
        // HTML the backend rendered from a plan was not uploaded
        kind => !(kind === 'html' && report!.renderStatus),
      );
      expect([expected.file, uploaded.sort()]).toEqual([
        expected.file,
        Object.keys(expected.artifacts).sort(),
      ]);
      const artifacts = expected.artifacts as Record<string, string>;
      const stored = (kind: string) => artifactOf(report!.id, artifacts, kind);
      const html = await stored('html');
      expect(html).toBe(artifacts.html && fixtureFile(artifacts.html));
      const plan = await stored('plan');
      expect(plan && addresses(plan)).toEqual(
        artifacts.plan && addresses(fixtureFile(artifacts.plan)),
      );
      const log = await stored('log');
      expect(log?.split('\n')[0]).toBe(
        artifacts.log && fixtureFile(artifacts.log).split('\n')[0],
      );
      // redacted and masked
      expect(`${plan} ${log}`).not.toContain(PLAN_SECRET);
    }

    const [deploy41] = reports.filter(r => r.buildName === 'deploy-41');
    expect(
      JSON.parse(await server.get(`/v1/reports/${deploy41.id}/plan`))
        .resource_changes[0].change.after.password,
    ).toBe('(sensitive value)');
    expect(await server.get(`/v1/reports/${deploy41.id}/log`)).toContain(
      'Connecting with password=(sensitive value)',
    );
    expect(deploy41.summary).toMatchObject({ add: 1, change: 1 });
  });

  it('imports config.json: status types exactly, repositories with their folders', async () => {
    const config = JSON.parse(fixtureFile('config.json'));
    const { items: types } = await server.get('/v1/status-types');
    for (const [key, type] of Object.entries<any>(config.status_types)) {
      expect(types.find((t: any) => t.key === key)).toMatchObject({
        name: type.name,
        mappings: type.mappings,
      });
    }
    // only what differed from tofUI's defaults was written through the API
    expect(
      Object.fromEntries(types.map((t: any) => [t.key, t.source])),
    ).toMatchObject({
      terraform_plan: 'api',
      checkov: 'api',
      terraform_apply: 'default',
      tfsec: 'default',
    });

    for (const [name, repo] of Object.entries<any>(config.repositories)) {
      const [listed] = (
        await server.get(`/v1/repositories?q=${encodeURIComponent(name)}`)
      ).items;
      const detail = await server.get(`/v1/repositories/${listed.id}`);
      expect(detail.displayName).toBe(repo.display_name);
      expect(detail.folders.map((f: any) => f.name).sort()).toEqual(
        (repo.folders ?? ['_root']).sort(),
      );
    }
  });

  it('imports nothing twice when run again', async () => {
    const before = snapshot(await rendered(server.allReports));
    const result = await migrate();
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(tableRow(result.out, 'status types')).toEqual([0, 4, 0]);
    expect(tableRow(result.out, 'repositories')).toEqual([0, 3, 0]);
    expect(tableRow(result.out, 'folders')).toEqual([0, 5, 0]);
    expect(tableRow(result.out, 'reports')).toEqual([0, 6, 0]);
    expect(tableRow(result.out, 'artifacts')).toEqual([0, 9, 0]);
    expect(result.out).toMatch(
      /report reports\/acme-infrastructure-aws_eu_west_1-deploy-7\.json \(.*\): skipped — already in tofUI \([0-9a-f-]{36}\)/,
    );
    // not a row more, not one updated
    expect(snapshot(await server.allReports())).toBe(before);
  });

  it('clones the old dashboard with --from-git, and removes the clone', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-gh-pages-'));
    try {
      const bare = gitRepositoryOf(FIXTURE, work);
      const clones = () =>
        fs.readdirSync(os.tmpdir()).filter(n => n.startsWith('tofui-migrate-'));
      const clonesBefore = clones();
      const result = await cli(
        { ...env, GITHUB_TOKEN: 'not-sent-over-file-urls' },
        'migrate',
        '--server',
        server.url,
        '--from-git',
        `file://${bare}`,
        '--branch',
        'gh-pages',
      );
      expect(result.code).toBe(0);
      expect(result.err).toMatch(/^tofui: cloning gh-pages of file:\/\//);
      expect(result.out + result.err).not.toContain('not-sent-over-file-urls');
      expect(tableRow(result.out, 'reports')).toEqual([0, 6, 0]);
      expect(tableRow(result.out, 'artifacts')).toEqual([0, 9, 0]);
      expect(clones()).toEqual(clonesBefore);

      const missing = await cli(
        env,
        'migrate',
        '--server',
        server.url,
        '--from-git',
        `file://${bare}`,
        '--branch',
        'no-such-branch',
      );
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/Cannot clone branch no-such-branch of/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('counts what fails with its reason, and imports the rest', async () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-broken-'));
    try {
      const write = (rel: string, content: unknown) => {
        fs.mkdirSync(path.dirname(path.join(tree, rel)), { recursive: true });
        fs.writeFileSync(
          path.join(tree, rel),
          typeof content === 'string' ? content : JSON.stringify(content),
        );
      };
      write('config.json', {});
      write('reports/broken.json', '{"source_repo": ');
      write('reports/no-statuses.json', {
        source_repo: 'acme/broken',
        build_name: 'b-1',
      });
      write('reports/bad-repo.json', {
        source_repo: 'not a repository',
        build_name: 'b-2',
        statuses: { tfsec: 0 },
      });
      write('reports/good.json', {
        source_repo: 'acme/broken',
        folder: 'f1',
        build_name: 'b-3',
        statuses: { tfsec: 0 },
      });
      write('f1/json_plan/b-3.json', 'Error: this run failed before a plan');
      write('f1/logs/b-3.log', 'Error: this run failed before a plan\n');

      const result = await cli(
        env,
        'migrate',
        '--server',
        server.url,
        '--from',
        tree,
      );
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/6 items failed, listed above/);
      expect(tableRow(result.out, 'reports')).toEqual([1, 0, 3]);
      expect(tableRow(result.out, 'artifacts')).toEqual([1, 0, 1]);
      // the repository of the refused report, and its root folder, are
      // not in tofUI either
      expect(tableRow(result.out, 'repositories')).toEqual([1, 0, 1]);
      expect(tableRow(result.out, 'folders')).toEqual([1, 0, 1]);
      const failures = result.out.split('Failures:\n')[1];
      expect(failures).toMatch(
        /^ {2}reports reports\/bad-repo\.json: 400 .*source_repo/m,
      );
      expect(failures).toMatch(/^ {2}reports reports\/broken\.json: not JSON/m);
      expect(failures).toMatch(
        /^ {2}reports reports\/no-statuses\.json: no statuses$/m,
      );
      expect(failures).toMatch(
        /^ {2}artifacts reports\/good\.json plan: .*b-3\.json/m,
      );
      const imported = (await server.allReports()).find(
        r => r.buildName === 'b-3',
      );
      expect(Object.keys(imported!.artifacts ?? {})).toEqual(['log']);
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });

  it('leaves the old dashboard tree byte for byte as it was', () => {
    expect(treeDigest(FIXTURE)).toEqual(treeBefore);
  });
});

describe('tofui migrate with the CI token', () => {
  let server: Awaited<ReturnType<typeof startTofuiBackend>>;
  beforeAll(async () => {
    server = await startTofuiBackend();
  });
  afterAll(() => server.stop());

  it('reports the 403s on status types and repositories, imports the reports, and a migration token finishes the job', async () => {
    const restricted = await cli(
      { TOFUI_CI_TOKEN: CI_TOKEN },
      'migrate',
      '--server',
      server.url,
      '--from',
      FIXTURE,
    );
    expect(restricted.code).toBe(1);
    // terraform_apply and tfsec are the same as tofUI's defaults
    expect(tableRow(restricted.out, 'status types')).toEqual([0, 2, 2]);
    expect(tableRow(restricted.out, 'repositories')).toEqual([0, 0, 3]);
    // aws_us_west_2 has no reports: only the registration would create it
    expect(tableRow(restricted.out, 'folders')).toEqual([4, 0, 1]);
    expect(tableRow(restricted.out, 'reports')).toEqual([6, 0, 0]);
    expect(tableRow(restricted.out, 'artifacts')).toEqual([9, 0, 0]);
    expect(restricted.out).toMatch(
      /^ {2}status types checkov: 403 .*tofui\.statusTypes\.manage.* — this token may not do it; use a migration token \(docs\/migration\.md\)$/m,
    );
    expect(restricted.out).toMatch(
      /^ {2}repositories acme\/networking: 403 .*tofui\.repository\.manage.*migration token/m,
    );
    expect(restricted.out).toMatch(
      /^ {2}folders acme\/infrastructure aws_us_west_2: 403 /m,
    );
    expect(await server.allReports()).toHaveLength(6);

    const finished = await cli(
      { TOFUI_TOKEN: MIGRATION_TOKEN },
      'migrate',
      '--server',
      server.url,
      '--from',
      FIXTURE,
    );
    expect(finished).toMatchObject({ code: 0, err: '' });
    expect(tableRow(finished.out, 'status types')).toEqual([2, 2, 0]);
    expect(tableRow(finished.out, 'repositories')).toEqual([3, 0, 0]);
    expect(tableRow(finished.out, 'folders')).toEqual([1, 4, 0]);
    expect(tableRow(finished.out, 'reports')).toEqual([0, 6, 0]);
  });

  it('names what is missing on usage errors', async () => {
    const noToken = await cli(
      {},
      'migrate',
      '--server',
      server.url,
      '--from',
      FIXTURE,
    );
    expect(noToken.code).toBe(2);
    expect(noToken.err).toMatch(/Set TOFUI_TOKEN/);
    const noSource = await cli(env, 'migrate', '--server', server.url);
    expect(noSource.code).toBe(2);
    expect(noSource.err).toMatch(/--from DIR .* or --from-git URL/);
    const notADashboard = await cli(
      env,
      'migrate',
      '--server',
      server.url,
      '--from',
      path.join(FIXTURE, 'production'),
    );
    expect(notADashboard.code).toBe(2);
    expect(notADashboard.err).toMatch(/is not an original tofUI dashboard/);
  });
});

describe('an interrupted tofui migrate', () => {
  let server: Awaited<ReturnType<typeof startTofuiBackend>>;
  beforeAll(async () => {
    server = await startTofuiBackend();
  });
  afterAll(() => server.stop());

  it('goes on where it stopped when run again', async () => {
    // the CLI as a process, killed while it uploads its third report
    const proxy = await holdingProxy(server.url, 2);
    const child = spawn(
      process.execPath,
      [
        path.resolve(__dirname, '../../bin/tofui'),
        'migrate',
        '--server',
        proxy.url,
        '--from',
        FIXTURE,
      ],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    const exited = new Promise(resolve => child.on('exit', resolve));
    const first = await Promise.race([
      proxy.holding.then(() => 'holding'),
      exited.then(() => 'exited'),
    ]);
    expect([first, output]).toEqual(['holding', expect.any(String)]);
    child.kill('SIGKILL');
    expect(await exited).toBe(null);
    proxy.close();
    expect(output).toMatch(/imported as .*\n.*imported as /);
    expect(await server.allReports()).toHaveLength(2);

    const resumed = await cli(
      env,
      'migrate',
      '--server',
      server.url,
      '--from',
      FIXTURE,
    );
    expect(resumed).toMatchObject({ code: 0, err: '' });
    expect(tableRow(resumed.out, 'reports')).toEqual([4, 2, 0]);
    const reports = await server.allReports();
    expect(reports.map(r => r.buildName).sort()).toEqual(
      EXPECTED.map(e => e.buildName).sort(),
    );
  });
});

/**
 * Passes requests on to `target`, except report publishes after the first
 * `forward` ones: those it holds unanswered, as a server does while a
 * large upload goes on.
 */
async function holdingProxy(target: string, forward: number) {
  let publishes = 0;
  let hold!: () => void;
  const holding = new Promise<void>(resolve => (hold = resolve));
  const proxy = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/api/tofui/v1/reports') {
      publishes++;
      if (publishes > forward) {
        hold();
        return;
      }
    }
    const upstream = http.request(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers },
      answer => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    holding,
    close() {
      proxy.closeAllConnections();
      proxy.close();
    },
  };
}

/** A bare git repository whose gh-pages branch holds `dir`. */
function gitRepositoryOf(dir: string, work: string): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: work,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
      },
    });
  fs.cpSync(dir, path.join(work, 'site'), { recursive: true });
  git('init', '--quiet', '--initial-branch', 'gh-pages', 'site');
  git('-C', 'site', 'add', '--all');
  git('-C', 'site', 'commit', '--quiet', '--message', 'dashboard');
  git('clone', '--quiet', '--bare', 'site', 'dashboard.git');
  return path.join(work, 'dashboard.git');
}
