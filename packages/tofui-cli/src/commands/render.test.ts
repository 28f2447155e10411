/**
 * @jest-environment node
 */
import { readReportModel } from '@tofui/report';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../index';

describe('tofui render', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-render-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]) {
    const err: string[] = [];
    const write = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation(chunk => err.push(String(chunk)) > 0);
    process.exitCode = undefined;
    try {
      await run(['node', 'tofui', ...args]);
    } finally {
      write.mockRestore();
    }
    return { code: process.exitCode, err: err.join('') };
  }

  it('writes a redacted, self-contained report', async () => {
    const plan = path.join(dir, 'plan.json');
    fs.writeFileSync(
      plan,
      JSON.stringify({
        format_version: '1.3',
        resource_changes: [
          {
            address: 'aws_db_instance.main',
            change: {
              actions: ['create'],
              before: null,
              after: { password: 'render-SECRET-1' },
              after_sensitive: { password: true },
            },
          },
        ],
      }),
    );
    const log = path.join(dir, 'plan.log');
    fs.writeFileSync(log, 'Error: password render-SECRET-1 refused\n');
    const out = path.join(dir, 'report.html');
    const result = await cli(
      'render',
      plan,
      '-o',
      out,
      '--display-name',
      'Deploy 7',
      '--log',
      log,
    );
    expect(result.code).toBe(0);
    // a newer minor format is read, with a warning
    expect(result.err).toMatch(/warning: Plan format_version 1.3 is newer/);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain(
      '<h1>Deploy 7<span class="verdict v2">Changes</span></h1>',
    );
    expect(html).not.toContain('render-SECRET-1');
    const model = await readReportModel(html);
    expect(model.summary.add).toBe(1);
    expect(JSON.stringify(model)).not.toContain('render-SECRET-1');
    // the embedded log too
    expect(model.log).toBe('Error: password (sensitive value) refused\n');
  });

  it('refuses what is not a plan, writing nothing', async () => {
    const notPlan = path.join(dir, 'not-plan.json');
    fs.writeFileSync(
      notPlan,
      '{"encryption_version": 1, "encrypted_data": "…"}',
    );
    const out = path.join(dir, 'nothing.html');
    const result = await cli('render', notPlan, '-o', out);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/encrypted OpenTofu plan/);
    expect(fs.existsSync(out)).toBe(false);
    expect((await cli('render', notPlan)).code).toBe(2);
  });
});
