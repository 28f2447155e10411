import { readReportModel } from '@tofui/report';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CI_TOKEN,
  cli,
  startTofuiBackend,
} from '../__testUtils__/tofuiBackend';
import { isLegacyInvocation } from './legacy';

jest.setTimeout(60_000);

const PLAN = {
  format_version: '1.2',
  resource_changes: [
    {
      address: 'aws_s3_bucket.logs',
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'logs',
      change: {
        actions: ['create'],
        before: null,
        after: { bucket: 'acme-logs', tags: { CostCenter: 'cc-4711' } },
        after_unknown: {},
      },
    },
  ],
};

describe("the original tofUI's invocation", () => {
  let dir: string;
  let cwd: string;
  let backend: Awaited<ReturnType<typeof startTofuiBackend>>;

  beforeAll(async () => {
    backend = await startTofuiBackend();
  });
  afterAll(() => backend.stop());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-legacy-'));
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(PLAN));
    cwd = process.cwd();
    process.chdir(dir);
  });
  afterEach(() => process.chdir(cwd));

  it('tells the original form from the commands', () => {
    expect(isLegacyInvocation(['plan.json', '--build-name', 'b'])).toBe(true);
    expect(isLegacyInvocation(['--build-name', 'b'])).toBe(true);
    expect(isLegacyInvocation(['render', 'plan.json'])).toBe(false);
    expect(isLegacyInvocation(['--version'])).toBe(false);
    expect(isLegacyInvocation([])).toBe(false);
  });

  it('renders NAME.html as the original did, honouring --config hidden properties', async () => {
    const shown = await cli({}, 'plan.json', '--build-name', 'PR #17 plan');
    expect(shown).toMatchObject({ code: 0, out: 'Wrote pr-17-plan.html' });
    const model = await readReportModel(
      fs.readFileSync('pr-17-plan.html', 'utf8'),
    );
    expect(JSON.stringify(model)).toContain('cc-4711');

    fs.writeFileSync(
      'tofui-config.json',
      JSON.stringify({
        properties: {
          available_to_hide: ['tags'],
          hidden_by_default: ['tags'],
        },
        display: { expand_all_default: true },
      }),
    );
    await cli({}, 'plan.json', '-n', 'hidden', '--config', 'tofui-config.json');
    const hidden = await readReportModel(
      fs.readFileSync('hidden.html', 'utf8'),
    );
    expect(JSON.stringify(hidden)).not.toContain('cc-4711');
    expect(JSON.stringify(hidden)).toContain('acme-logs');
    // display.expand_all_default: the page opens every resource
    expect(hidden.meta.expandAll).toBe(true);
    expect(model.meta.expandAll).toBeUndefined();
  });

  it('publishes when TOFUI_SERVER is set: a test report for a plan, with the export vars', async () => {
    const result = await cli(
      { TOFUI_SERVER: backend.url, TOFUI_TOKEN: CI_TOKEN },
      'plan.json',
      '--build-name',
      'pr-17',
      '-d',
      'PR 17',
      '--repo',
      'acme/infra',
      '--folder',
      'network',
      '--status',
      'tfsec:0',
      '--export-vars-file',
      'vars.sh',
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    const [report] = (await backend.allReports()).filter(
      r => r.buildName === 'pr-17',
    );
    expect(report).toMatchObject({
      reportType: 'test',
      folder: 'network',
      displayName: 'PR 17',
      statuses: { terraform_plan: 2, tfsec: 0 },
    });
    expect(result.out).toContain(`${backend.url}/tofui/reports/${report.id}`);
    const vars = fs.readFileSync('vars.sh', 'utf8');
    expect(vars).toContain(
      `export TOFUI_REPORT_URL='${backend.url}/tofui/reports/${report.id}'`,
    );
    expect(vars).toContain(`export TOFUI_REPORT_ID='${report.id}'`);
    expect(vars).toContain(`export TOFUI_VERDICT='${report.overallStatus}'`);
    expect(vars).toMatch(/export TOFUI_HTML_URL='http.*\/html'/);
  });

  it('makes an apply a build report', async () => {
    fs.writeFileSync(
      'apply.log',
      'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.\n',
    );
    const result = await cli(
      { TOFUI_SERVER: backend.url, TOFUI_TOKEN: CI_TOKEN },
      '--apply-mode',
      '--stdout-tf-log',
      'apply.log',
      '--terraform-exit-code',
      '0',
      '--build-name',
      'deploy-1',
      '--repo',
      'acme/infra',
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    const [report] = (await backend.allReports()).filter(
      r => r.buildName === 'deploy-1',
    );
    expect(report).toMatchObject({
      reportType: 'build',
      statuses: { terraform_apply: 0 },
    });
  });

  it.each(['--s3-bucket', '--github-repo', '--github-pages', '--gcs-bucket'])(
    'exits 2 on %s, naming the replacement',
    async flag => {
      const result = await cli({}, 'plan.json', '--build-name', 'b', flag, 'x');
      expect(result.code).toBe(2);
      expect(result.err).toContain(`${flag}: `);
      expect(result.err).toContain('--server');
      expect(fs.existsSync('b.html')).toBe(false);
    },
  );

  it('prints the version', async () => {
    const out: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(chunk => out.push(String(chunk)) > 0);
    try {
      expect((await cli({}, '--version')).code).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(out.join('')).toBe(`${require('../../package.json').version}\n`);
  });
});
