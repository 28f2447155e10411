/**
 * @jest-environment node
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixtureSources } from '../__testUtils__/fixtureSources';
import { parsePlan } from '../plan/parsePlan';
import { summarizePlan } from '../plan/summarizePlan';
import type { Plan } from '../plan/types';
import { planMembersUnreadByReport, type ReportModel, RC } from './reportModel';
import { readReportModel } from './readReportModel';
import { renderPlanReport } from './renderPlanReport';

const fixtures = path.resolve(__dirname, '../__fixtures__');
const fixture = (name: string) =>
  parsePlan(fs.readFileSync(path.join(fixtures, name), 'utf8')).plan;

const embeddedModel = (html: string) =>
  readReportModel(html) as Promise<ReportModel & { diagnostics?: unknown[] }>;

describe('renderPlanReport', () => {
  it('embeds the redacted model once, risk first, with the header drawn server-side', async () => {
    const plan = fixture('mixed-plan.json');
    const html = await renderPlanReport(plan, {
      displayName: 'Deploy #42',
      repository: 'acme/infra',
      folder: 'aws_us_east_1',
      buildUrl: 'https://ci.example.com/runs/42',
      generatedAt: '2026-11-25T10:00:00Z',
    });
    const model = await embeddedModel(html);
    expect(model.summary).toEqual(summarizePlan(plan));
    expect(model.resources).toHaveLength(plan.resource_changes!.length);
    const actions = model.resources.map(r => r[RC.action]);
    // deletes first, then replacements, forgets, updates, creates, … reads
    const rank = [
      'delete',
      'replace',
      'forget',
      'update',
      'create',
      'import',
      'move',
      'read',
      'no-op',
    ];
    const ranks = actions.map(a =>
      rank.indexOf(a.startsWith('replace') ? 'replace' : a),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(actions)).toEqual(
      new Set([
        'delete',
        'replace',
        'replace-create-first',
        'forget',
        'update',
        'create',
        'read',
        'import',
        'move',
      ]),
    );
    expect(html).toContain(
      '<h1>Deploy #42<span class="verdict v2">Changes</span></h1>',
    );
    // the tool and its version come from the plan
    expect(model.meta.toolVersion).toBe('1.9.5');
    expect(html).toContain('<span>1.9.5</span>');
    expect(html).toContain(
      '<a href="https://ci.example.com/runs/42" rel="noopener noreferrer" target="_blank">CI run</a>',
    );
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline';/,
    );
    // self-contained: no external resource
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  it('never embeds a sensitive value, and lists deferred changes', async () => {
    const html = await renderPlanReport(fixture('secrets-plan.json'), {
      log: 'ok',
    });
    expect((await embeddedModel(html)).deferred).toEqual([
      ['aws_secret.later', 'provider_config_unknown', 'create'],
    ]);
    expect(html).not.toContain('hunter2-SECRET');
    expect(JSON.stringify(await embeddedModel(html))).not.toContain(
      'hunter2-SECRET',
    );
  });

  it('escapes every piece of text it writes into the page and keeps only http(s) links', async () => {
    const html = await renderPlanReport(fixture('xss-plan.json'), {
      displayName: '<script>window.__xss=9</script>',
      // eslint-disable-next-line no-script-url -- the payload under test
      buildUrl: 'javascript:window.__xss=10',
      toolName: 'tofu"><b>',
    });
    const markup = html.replace(
      /<script type="application\/octet-stream"[\s\S]*?<\/script>/,
      '',
    );
    expect(markup).not.toContain('<script>window.__xss');
    expect(markup).toContain('&lt;script&gt;window.__xss=9&lt;/script&gt;');
    // eslint-disable-next-line no-script-url -- the payload under test
    expect(markup).not.toContain('javascript:');
    // the tool's version comes from the plan, escaped like the rest
    expect(markup).toContain(
      'tofu&quot;&gt;&lt;b&gt; 1.9.0&quot;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;',
    );
    // only the two scripts of the page itself
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('marks unknown values, forcing attributes and reasons in the model', async () => {
    const plan: Plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_instance.web["a.b"]',
          provider_name: 'registry.opentofu.org/hashicorp/aws',
          change: {
            actions: ['create', 'delete'],
            before: { ami: 'ami-1', id: 'i-1' },
            after: { ami: 'ami-2' },
            after_unknown: { id: true },
            replace_paths: [['ami']],
          },
          action_reason: 'replace_because_cannot_update',
        },
      ],
    };
    const model = await embeddedModel(await renderPlanReport(plan));
    expect(model.meta.toolName).toBe('OpenTofu');
    const [resource] = model.resources;
    expect(resource[RC.address]).toBe('aws_instance.web["a.b"]');
    expect(resource[RC.action]).toBe('replace-create-first');
    expect(resource[RC.replacePaths]).toEqual([['ami']]);
    expect(resource[RC.afterUnknown]).toEqual({ id: true });
    expect(resource[RC.reason]).toBe('replace_because_cannot_update');
  });

  it('reports an errored plan and an output-only plan for what they are', async () => {
    expect(await renderPlanReport(fixture('errored-plan.json'))).toContain(
      'verdict v1">Planning failed',
    );
    const outputOnly = await renderPlanReport(fixture('output-only-plan.json'));
    expect(outputOnly).toContain('verdict v2">Changes');
    expect((await embeddedModel(outputOnly)).outputs.length).toBeGreaterThan(0);
  });

  it('shows the diagnostics of an errored plan and the outcome of an apply from the log', async () => {
    const logs = path.resolve(__dirname, '../logs/__fixtures__');
    const errored = await embeddedModel(
      await renderPlanReport(fixture('errored-plan.json'), {
        log: fs.readFileSync(
          path.join(logs, 'original-plan-errors.log'),
          'utf8',
        ),
      }),
    );
    expect(errored.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'error',
          summary: expect.any(String),
        }),
      ]),
    );
    const applied = (await embeddedModel(
      await renderPlanReport(fixture('mixed-plan.json'), {
        log: fs.readFileSync(
          path.join(logs, 'terraform-apply-failed.log'),
          'utf8',
        ),
      }),
    )) as any;
    expect(applied.apply.outcome).toBe('failed');
    expect(applied.apply.resources).toEqual(
      expect.arrayContaining([
        expect.arrayContaining(['aws_db_instance.main']),
      ]),
    );
  });

  it('masks the embedded log, and what the page reads from it', async () => {
    const token = `ghp_${'Ab3'.repeat(12)}`;
    const log = [
      'Error: Invalid password',
      '',
      `  password "hunter2-SECRET" was refused; ci token ${token}`,
      '',
      'Planning failed. Terraform encountered an error while generating this plan.',
    ].join('\n');
    const html = await renderPlanReport(fixture('secrets-plan.json'), { log });
    const model = await embeddedModel(html);
    const page = JSON.stringify(model);
    expect(page).not.toContain('hunter2-SECRET');
    expect(page).not.toContain(token);
    expect(html).not.toContain('hunter2-SECRET');
    expect(model.log).toContain(
      'password "(sensitive value)" was refused; ci token (sensitive value)',
    );
    expect(model.diagnostics).toEqual([
      expect.objectContaining({
        summary: 'Invalid password',
        detail: expect.stringContaining('(sensitive value)'),
      }),
    ]);
  });

  it('masks in the log every secret of the plan, those only its planned values hold too', async () => {
    // a secret of its own in every sensitive spot: planned values included,
    // which the page does not show (and so does not redact) but a log prints
    let n = 0;
    const planted: string[] = [];
    const plan = JSON.parse(
      JSON.stringify(fixture('secrets-plan.json')).replace(
        /"(?:old-|drifted-)?hunter2-SECRET"/g,
        () => {
          planted.push(`planted-${n++}-s3cr3t`);
          return JSON.stringify(planted[planted.length - 1]);
        },
      ),
    );
    expect(planted).toHaveLength(17);
    const log = planted.map(secret => `debug: value ${secret}`).join('\n');
    // read as `tofui render --log` reads the file: with a log, all of it
    const { plan: read } = parsePlan(JSON.stringify(plan), {
      omit: planMembersUnreadByReport({ log }),
    });
    expect(read).toEqual(plan);
    const html = await renderPlanReport(read, { log });
    const page = `${html}${JSON.stringify(await embeddedModel(html))}`;
    expect(planted.filter(secret => page.includes(secret))).toEqual([]);
  });

  it('renders the same page from a plan parsed without what it does not read', async () => {
    const texts = [
      ...fs.readdirSync(fixtures).map(name => path.join(fixtures, name)),
      ...fixtureSources('opentofu-show-json').flatMap(([, dir]) =>
        fs.readdirSync(dir).map(name => path.join(dir, name)),
      ),
    ]
      .filter(file => file.endsWith('.json'))
      .map(file => fs.readFileSync(file, 'utf8'));
    const unread = planMembersUnreadByReport({});
    expect(unread).toEqual(['planned_values', 'prior_state']);
    let skipped = 0;
    for (const text of texts) {
      const whole = parsePlan(text).plan;
      const part = parsePlan(text, { omit: unread }).plan;
      if (whole.planned_values !== undefined) skipped++;
      const options = { generatedAt: '2026-12-03T00:00:00Z' };
      expect(await renderPlanReport(part, options)).toBe(
        await renderPlanReport(whole, options),
      );
    }
    expect(skipped).toBeGreaterThan(3);
  });

  it('tells which drifted attributes the plan depends on', async () => {
    const model = await embeddedModel(
      await renderPlanReport({
        format_version: '1.2',
        resource_drift: [
          {
            address: 'aws_instance.web',
            change: {
              actions: ['update'],
              before: { tags: { Name: 'a' } },
              after: { tags: { Name: 'b' } },
            },
          },
        ],
        relevant_attributes: [
          { resource: 'aws_instance.web', attribute: ['tags', 'Name'] },
          { resource: 'aws_instance.web', attribute: ['id'] },
        ],
      } as any),
    );
    expect(model.relevant).toEqual({ 'aws_instance.web': ['tags.Name', 'id'] });
    expect(model.drift).toHaveLength(1);
  });

  it('stays small: the page is a fraction of the plan', async () => {
    const resources = Array.from({ length: 2000 }, (_, i) => ({
      address: `module.m${i % 7}.aws_instance.r${i}`,
      type: 'aws_instance',
      provider_name: 'registry.opentofu.org/hashicorp/aws',
      change: {
        actions: [['create'], ['update'], ['delete'], ['no-op']][i % 4] as any,
        before: {
          ami: `ami-${i}`,
          tags: { Name: `web-${i}`, Team: 'platform' },
        },
        after: {
          ami: `ami-${i + 1}`,
          tags: { Name: `web-${i}`, Team: 'platform' },
        },
        after_unknown: {},
      },
    }));
    const json = JSON.stringify({
      format_version: '1.2',
      resource_changes: resources,
    });
    const html = await renderPlanReport(parsePlan(json).plan);
    expect(html.length).toBeLessThan(json.length * 0.5);
  });
});

// Golden checks over plans shaped like real output: the project's own
// fixtures, and ../shared's real ones when present.
describe.each([
  ...fixtureSources('opentofu-show-json'),
  ...fixtureSources('original-tofui'),
])('renderPlanReport on the reference plans (%s, %s)', (_source, dir) => {
  const plans = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.json'))
    .map(f => path.join(dir, f));
  it.each(plans.map(p => [path.basename(p), p]))('%s', async (_name, file) => {
    const plan = parsePlan(fs.readFileSync(file, 'utf8')).plan;
    const model = await embeddedModel(await renderPlanReport(plan));
    expect(model.summary).toEqual(summarizePlan(plan));
    expect(model.resources).toHaveLength((plan.resource_changes ?? []).length);
    expect(model.drift).toHaveLength((plan.resource_drift ?? []).length);
  });
});
