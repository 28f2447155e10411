import fs from 'node:fs';
import path from 'node:path';
import { fixtureSources } from '../__testUtils__/fixtureSources';
import { parseTerraformLog } from './parseTerraformLog';

/**
 * Whole plan logs as the original tofUI project's samples are: the
 * project's own (`fixtures/original-tofui`), and the original's real ones
 * from ../shared when present. The excerpts in `__fixtures__` cover details.
 */
const EXPECTED = {
  own: {
    plan: { import: 0, add: 3, change: 1, destroy: 2, forget: 0 },
    actions: { create: 2, replace: 1, update: 1, delete: 1 },
    fourth: 'module.queue.aws_sqs_queue.jobs',
    outputs: ['queue_url', 'web_endpoint', 'api_token'],
    errors: [
      ['Failed to validate terraform configuration', undefined, undefined],
      ['Unsupported argument', 'network.tf', 8],
      ['Reference to undeclared input variable', 'outputs.tf', 4],
    ],
  },
  shared: {
    // 6 creates + 3 replacements = 9 to add; 7 deletes + 3 = 10 to destroy.
    plan: { import: 0, add: 9, change: 5, destroy: 10, forget: 0 },
    actions: { create: 6, update: 5, replace: 3, delete: 7 },
    fourth: 'module.identity.aws_iam_role.notify_staging',
    outputs: ['alb_dns_name', 'cluster_endpoint', 'db_password'],
    errors: [
      ['Failed to validate terraform configuration', undefined, undefined],
      ['Invalid resource type', 'main.tf', 15],
      ['Reference to undeclared resource', 'main.tf', 23],
    ],
  },
};

describe.each(fixtureSources('original-tofui'))(
  'parseTerraformLog: original tofUI sample logs (%s)',
  (source, dir) => {
    const expected = EXPECTED[source];
    const read = (name: string) =>
      parseTerraformLog(fs.readFileSync(path.join(dir, name), 'utf8'));

    it('reads every planned change of has-changes-example.log', () => {
      const report = read('has-changes-example.log');
      expect(report.plan).toEqual(expected.plan);
      const counts: Record<string, number> = {};
      for (const p of report.planned) {
        counts[p.action] = (counts[p.action] ?? 0) + 1;
      }
      expect(counts).toEqual(expected.actions);
      expect(report.planned[3].address).toBe(expected.fourth);
      expect(report.outputChanges.map(o => o.name)).toEqual(expected.outputs);
      expect(report.outcome).toBe('unknown');
      expect(report.kind).toBe('plan');
    });

    it('reads the three errors of has-errors-example.log', () => {
      const report = read('has-errors-example.log');
      expect(report.outcome).toBe('failed');
      expect(report.errors.map(e => [e.summary, e.file, e.line])).toEqual(
        expected.errors,
      );
    });

    it('reads no-changes-example.log as no changes', () => {
      const report = read('no-changes-example.log');
      expect(report.outcome).toBe('no-changes');
      expect(report.noChanges).toBe(true);
    });
  },
);
