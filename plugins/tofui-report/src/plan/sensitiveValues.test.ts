import fs from 'node:fs';
import path from 'node:path';
import { generatedPlan, planGenerators } from '../__testUtils__/fixtureSources';
import { maskLog } from '../logs/maskLog';
import { parsePlan } from './parsePlan';
import { redactPlan } from './redactPlan';
import { sensitiveValues } from './sensitiveValues';

/** secrets-plan.json with a secret of its own in every sensitive spot. */
function plantedPlan() {
  let n = 0;
  const planted: string[] = [];
  const text = fs
    .readFileSync(
      path.resolve(__dirname, '../__fixtures__/secrets-plan.json'),
      'utf8',
    )
    .replace(/"(?:old-|drifted-)?hunter2-SECRET"/g, () => {
      planted.push(`planted-${n++}-s3cr3t`);
      return JSON.stringify(planted[planted.length - 1]);
    });
  return { plan: parsePlan(text).plan, planted };
}

describe('sensitiveValues', () => {
  it('finds the value in every spot a plan marks sensitive, and nothing else', () => {
    const { plan, planted } = plantedPlan();
    expect(planted).toHaveLength(17);
    const values = sensitiveValues(plan);
    expect(values).toEqual(expect.arrayContaining(planted));
    // the whole sensitive object of aws_ssm_parameter.whole, name included
    expect(values).toContain('/db/password');
    for (const open of ['eu-west-1', 'db.internal', 'postgres', 'visible']) {
      expect(values).not.toContain(open);
    }
  });

  it('finds nothing in a redacted plan', () => {
    const { plan } = plantedPlan();
    expect(sensitiveValues(redactPlan(plan))).toEqual([]);
  });

  it('leaves out short values and booleans, keeps long numbers, escaped forms and lines', () => {
    const plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'x.y',
          change: {
            actions: ['create' as const],
            after: {
              short: 'abc',
              port: 5432,
              count: 1,
              flag: true,
              quoted: 'pa"ss\\word',
              key: '-----BEGIN KEY-----\nAAAABBBBCCCCDDDD\n-----END KEY-----\n',
            },
            after_sensitive: true,
          },
        },
      ],
    };
    const values = sensitiveValues(plan);
    expect(values).not.toContain('abc');
    expect(values).not.toContain('1');
    expect(values).not.toContain('true');
    expect(values).toEqual(
      expect.arrayContaining([
        '5432',
        'pa"ss\\word',
        'pa\\"ss\\\\word',
        'AAAABBBBCCCCDDDD',
        '-----BEGIN KEY-----',
      ]),
    );
  });
});

// Generated plans plant a secret in every spot where real plans have them.
describe.each(planGenerators())(
  'sensitiveValues on plans with planted secrets (%s generator)',
  generator => {
    it.each([1, 2])(
      'seed %i: the secret is found, and masked in a log',
      seed => {
        const secret = `planted-${seed}-s3cr3t`;
        const plan = parsePlan(
          generatedPlan(generator, { resources: 400, seed, secret }),
        ).plan;
        expect(sensitiveValues(plan)).toContain(secret);
        const log = `+ password = "${secret}"\nsecret was ${secret}.\n`;
        expect(maskLog(log, plan)).not.toContain(secret);
      },
    );
  },
);
