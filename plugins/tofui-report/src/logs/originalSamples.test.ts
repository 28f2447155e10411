import fs from 'node:fs';
import path from 'node:path';
import { parseTerraformLog } from './parseTerraformLog';

/**
 * The full sample logs of the original tofUI project, when this checkout
 * sits next to a `shared` folder that holds them. Users and CI usually do
 * not have it; the excerpts in `__fixtures__` cover the same ground.
 */
const SAMPLES = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/original-tofui',
);
const present = fs.existsSync(SAMPLES);
if (!present) {
  // eslint-disable-next-line no-console
  console.log(
    `Skipping the original tofUI sample logs: ${SAMPLES} does not exist`,
  );
}

(present ? describe : describe.skip)(
  'parseTerraformLog: original tofUI sample logs',
  () => {
    const read = (name: string) =>
      parseTerraformLog(fs.readFileSync(path.join(SAMPLES, name), 'utf8'));

    it('reads every planned change of has-changes-example.log', () => {
      const report = read('has-changes-example.log');
      expect(report.plan).toEqual({
        import: 0,
        add: 9,
        change: 5,
        destroy: 10,
        forget: 0,
      });
      const counts: Record<string, number> = {};
      for (const p of report.planned) {
        counts[p.action] = (counts[p.action] ?? 0) + 1;
      }
      // 6 creates + 3 replacements = 9 to add; 7 deletes + 3 = 10 to destroy.
      expect(counts).toEqual({ create: 6, update: 5, replace: 3, delete: 7 });
      expect(report.planned[3].address).toBe(
        'module.identity.aws_iam_role.notify_staging',
      );
      expect(report.outputChanges.map(o => o.name)).toEqual([
        'alb_dns_name',
        'cluster_endpoint',
        'db_password',
      ]);
      expect(report.outcome).toBe('unknown');
      expect(report.kind).toBe('plan');
    });

    it('reads the three errors of has-errors-example.log', () => {
      const report = read('has-errors-example.log');
      expect(report.outcome).toBe('failed');
      expect(report.errors.map(e => [e.summary, e.file, e.line])).toEqual([
        ['Failed to validate terraform configuration', undefined, undefined],
        ['Invalid resource type', 'main.tf', 15],
        ['Reference to undeclared resource', 'main.tf', 23],
      ]);
    });

    it('reads no-changes-example.log as no changes', () => {
      const report = read('no-changes-example.log');
      expect(report.outcome).toBe('no-changes');
      expect(report.noChanges).toBe(true);
    });
  },
);
