import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/testServices';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const MB = 1024 * 1024;
// ~2.5 MB each: the plan and the log are processed at publish (under
// inlineMaxSize), the render takes both (5 MB), more than an 80 MB budget
// gives one task (HeavyWork: at most (80 − 64) ÷ 4 = 4 MB of input).
const PLAN = execFileSync(
  process.execPath,
  [
    path.resolve(__dirname, '../../../../scripts/make-plan'),
    '--resources',
    '1800',
    '--seed',
    '3',
  ],
  { maxBuffer: 64 * MB },
);
const LOG = Buffer.from(
  'aws_instance.web: Refreshing state... [id=i-0123456789abcdef0]\n'.repeat(
    40_000,
  ),
);

describe.each(databases.eachSupportedId())(
  'a render over the memory budget on %s',
  id => {
    let api: Awaited<ReturnType<typeof startTofuiBackend>>;
    let knex: Awaited<ReturnType<typeof databases.init>>;
    beforeAll(async () => {
      knex = await databases.init(id);
      api = await startTofuiBackend(knex, {
        processing: { memoryBudgetMb: 80, inlineMaxSize: '3mb' },
      });
    });
    afterAll(() => api.stop());

    it('ends failed with the reason, not retried, the plan still downloadable', async () => {
      expect(PLAN.length).toBeGreaterThan(2 * MB);
      expect(PLAN.length).toBeLessThan(3 * MB);
      const res = await api
        .asService(api.http().post('/api/tofui/v1/reports'))
        .field(
          'report',
          JSON.stringify({ ...ORIGINAL_REPORT, html_url: undefined }),
        )
        .attach('plan', PLAN, 'plan.json')
        .attach('log', LOG, 'plan.log');
      expect(res.status).toBe(201);
      expect(res.body.renderStatus).toBe('pending');

      let report: any;
      for (let i = 0; i < 200; i++) {
        report = (
          await api.asUser(
            api.http().get(`/api/tofui/v1/reports/${res.body.id}`),
          )
        ).body;
        if (report.renderStatus !== 'pending') break;
        await new Promise(r => setTimeout(r, 100));
      }
      expect(report.renderStatus).toBe('failed');
      expect(report.renderError).toMatch(
        /^Rendering this plan \(.* MB\) needs more memory than this server allows one task \(80 MB: tofui.processing.memoryBudgetMb ÷ concurrency\)\. The plan can still be downloaded\.$/,
      );
      expect(report.artifacts.html).toBeUndefined();

      const plan = await api.asUser(
        api.http().get(`/api/tofui/v1/reports/${res.body.id}/plan`),
      );
      expect(plan.status).toBe(200);
      expect(JSON.parse(plan.text).resource_changes).toHaveLength(1800);
      // the render is not retried: no job is left
      expect(
        Number(
          (await knex('jobs')
            .where({ type: 'render-report' })
            .count({ n: '*' })
            .first())!.n,
        ),
      ).toBe(0);
    });
  },
);
