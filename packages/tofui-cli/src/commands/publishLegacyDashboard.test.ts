import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  cli,
  MIGRATION_TOKEN,
  startTofuiBackend,
  tableRow,
} from '../__testUtils__/tofuiBackend';

jest.setTimeout(60_000);

const env = { TOFUI_TOKEN: MIGRATION_TOKEN };

/**
 * The original dashboard page's way of finding reports (static-dashboard/
 * index.html): for each repository and folder in config.json, each type,
 * slots 001–007 in order up to the first missing one.
 */
function reportsTheOldPageShows(dir: string) {
  const config = JSON.parse(
    fs.readFileSync(path.join(dir, 'config.json'), 'utf8'),
  );
  const shown = [];
  for (const [repo, repoConfig] of Object.entries<any>(config.repositories)) {
    for (const folder of repoConfig.folders || ['_root']) {
      for (const type of ['test', 'build']) {
        for (let slot = 1; slot <= 7; slot++) {
          const file = path.join(
            dir,
            'reports',
            `${repo.replace(/\//g, '-')}-${folder}-${type}-${String(
              slot,
            ).padStart(3, '0')}.json`,
          );
          if (!fs.existsSync(file)) {
            break;
          }
          const report = JSON.parse(fs.readFileSync(file, 'utf8'));
          shown.push({ ...report, report_type: report.report_type ?? 'build' });
        }
      }
    }
  }
  return shown;
}

describe('tofui publish --also-legacy-dashboard', () => {
  let server: Awaited<ReturnType<typeof startTofuiBackend>>;
  let dashboard: string;

  beforeAll(async () => {
    server = await startTofuiBackend();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    dashboard = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-gh-pages-'));
    fs.writeFileSync(
      path.join(dashboard, 'config.json'),
      JSON.stringify({
        repositories: {
          'acme/infra': { display_name: 'Infra', folders: ['aws_us_east_1'] },
        },
      }),
    );
  });
  afterEach(() => fs.rmSync(dashboard, { recursive: true, force: true }));

  const publish = (build: string, ...extra: string[]) =>
    cli(
      env,
      'publish',
      '--server',
      server.url,
      '--repo',
      'acme/infra',
      '--folder',
      'aws_us_east_1',
      '--build-name',
      build,
      '--also-legacy-dashboard',
      dashboard,
      ...extra,
    );
  const slot = (n: number, type = 'build') =>
    JSON.parse(
      fs.readFileSync(
        path.join(
          dashboard,
          'reports',
          `acme-infra-aws_us_east_1-${type}-00${n}.json`,
        ),
        'utf8',
      ),
    );

  it('writes the slot file the old publisher wrote, linking to tofUI', async () => {
    const result = await publish(
      'deploy-1',
      '--display-name',
      'Deploy #1',
      '--status',
      'terraform_plan:2',
      '--status',
      'tfsec:0',
      '--json',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(result.err).toBe(
      `tofui: wrote reports/acme-infra-aws_us_east_1-build-001.json in ${dashboard} (empty slot); commit and push it to update the old dashboard\n`,
    );
    const written = slot(1);
    // the original's fields, in its order
    expect(Object.keys(written)).toEqual([
      'source_repo',
      'folder',
      'report_type',
      'build_name',
      'display_name',
      'html_url',
      'statuses',
      'timestamp',
      'slot_number',
    ]);
    expect(written).toEqual({
      source_repo: 'acme/infra',
      folder: 'aws_us_east_1',
      report_type: 'build',
      build_name: 'deploy-1',
      display_name: 'Deploy #1',
      html_url: `${server.url}/tofui/reports/${report.id}`,
      statuses: { terraform_plan: 2, tfsec: 0 },
      timestamp: report.createdAt,
      slot_number: 1,
    });
    expect(reportsTheOldPageShows(dashboard)).toEqual([written]);
  });

  it('fills seven slots, then overwrites the oldest; the same build keeps its slot', async () => {
    for (let day = 1; day <= 7; day++) {
      const result = await publish(
        `deploy-${day}`,
        '--status',
        'tfsec:0',
        '--timestamp',
        `2025-11-0${day}T10:00:00Z`,
      );
      expect(result.code).toBe(0);
    }
    // republishing a build updates its slot, as it updates the report
    expect((await publish('deploy-3', '--status', 'tfsec:1')).err).toMatch(
      /-build-003\.json .*\(same build\)/,
    );
    expect(slot(3)).toMatchObject({
      build_name: 'deploy-3',
      statuses: { tfsec: 1 },
    });
    // an eighth build replaces the oldest run: deploy-1, in slot 1
    const eighth = await publish('deploy-8', '--status', 'tfsec:0');
    expect(eighth.err).toMatch(/-build-001\.json .*\(oldest report\)/);
    expect(slot(1)).toMatchObject({ build_name: 'deploy-8', slot_number: 1 });
    expect(
      reportsTheOldPageShows(dashboard)
        .map(r => r.build_name)
        .sort(),
    ).toEqual([2, 3, 4, 5, 6, 7, 8].map(n => `deploy-${n}`));

    // the other type has slots of its own
    await publish('pr-9', '--type', 'test', '--status', 'tfsec:0');
    expect(slot(1, 'test')).toMatchObject({
      build_name: 'pr-9',
      report_type: 'test',
    });

    // and what the old dashboard holds is what tofUI holds: importing it
    // finds every report already there
    const migrated = await cli(
      env,
      'migrate',
      '--server',
      server.url,
      '--from',
      dashboard,
    );
    expect(migrated.code).toBe(0);
    expect(tableRow(migrated.out, 'reports')).toEqual([0, 8, 0]);
  });

  it('keeps --html-url as the link, and warns when the old page will not show the report', async () => {
    const result = await cli(
      env,
      'publish',
      '--server',
      server.url,
      '--repo',
      'acme/other',
      '--folder',
      'eu',
      '--build-name',
      'b-1',
      '--status',
      'tfsec:0',
      '--html-url',
      'https://reports.example.com/b-1.html',
      '--also-legacy-dashboard',
      dashboard,
    );
    expect(result.code).toBe(0);
    expect(result.err).toMatch(
      /tofui: warning: acme\/other is not in .*config\.json: the old dashboard will not show it/,
    );
    expect(
      JSON.parse(
        fs.readFileSync(
          path.join(dashboard, 'reports', 'acme-other-eu-build-001.json'),
          'utf8',
        ),
      ).html_url,
    ).toBe('https://reports.example.com/b-1.html');
  });

  it('still writes the old dashboard when tofUI cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise(resolve => closed.close(resolve));
    const result = await cli(
      env,
      'publish',
      '--server',
      `http://127.0.0.1:${port}`,
      '--repo',
      'acme/infra',
      '--folder',
      'aws_us_east_1',
      '--build-name',
      'offline-1',
      '--status',
      'tfsec:0',
      '--retries',
      '0',
      '--also-legacy-dashboard',
      dashboard,
    );
    expect(result.code).toBe(4);
    expect(result.err).toMatch(
      /wrote reports\/acme-infra-aws_us_east_1-build-001\.json/,
    );
    expect(result.err).toMatch(/Cannot reach/);
    expect(slot(1)).toMatchObject({ build_name: 'offline-1', html_url: null });
  });

  it('refuses a dashboard directory that does not exist', async () => {
    const result = await cli(
      env,
      'publish',
      '--server',
      server.url,
      '--repo',
      'acme/infra',
      '--folder',
      'aws_us_east_1',
      '--build-name',
      'nowhere-1',
      '--status',
      'tfsec:0',
      '--also-legacy-dashboard',
      path.join(dashboard, 'missing'),
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/--also-legacy-dashboard .*missing: ENOENT/);
    // checked before anything is published
    expect(
      (await server.allReports()).filter(r => r.buildName === 'nowhere-1'),
    ).toEqual([]);
  });
});
