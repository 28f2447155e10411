import type { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import { startTestMetrics, sumSamples } from '../__testUtils__/testMetrics';
import { createTestDatabases } from '../__testUtils__/testServices';
import { KnexJobStore } from '../database/knex/KnexJobStore';
import { TofuiMetrics } from '../service/metrics';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.5',
  resource_changes: [
    {
      address: 'aws_s3_bucket.logs',
      type: 'aws_s3_bucket',
      change: { actions: ['create'], before: null, after: { bucket: 'logs' } },
    },
  ],
});

describe('tofUI metrics, scraped from a Prometheus exporter', () => {
  let knex: Knex;
  let metrics: Awaited<ReturnType<typeof startTestMetrics>>;
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-metrics-'));

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    metrics = await startTestMetrics();
    api = await startTofuiBackend(
      knex,
      { storage: { backend: 'local', local: { basePath: artifacts } } },
      [metrics.factory],
    );
  });
  afterAll(async () => {
    await api.stop();
    await metrics.stop();
    fs.rmSync(artifacts, { recursive: true, force: true });
  });

  const publish = (body: object) =>
    api.asService(api.http().post('/api/tofui/v1/reports')).send(body);

  it('counts published reports by type and verdict, and times every publish', async () => {
    const bodies = [
      {
        ...ORIGINAL_REPORT,
        build_name: 'm-1',
        statuses: { terraform_plan: 0 },
      },
      {
        ...ORIGINAL_REPORT,
        build_name: 'm-2',
        statuses: { terraform_plan: 1 },
      },
      { ...ORIGINAL_REPORT, build_name: 'm-3', statuses: { no_such_check: 7 } },
      { ...ORIGINAL_REPORT, build_name: 'm-4', report_type: 'test' },
      // republished: counted again
      {
        ...ORIGINAL_REPORT,
        build_name: 'm-1',
        statuses: { terraform_plan: 0 },
      },
    ];
    const expected: Record<string, number> = {};
    for (const body of bodies) {
      const res = await publish(body);
      expect([200, 201]).toContain(res.status);
      const key = `${res.body.reportType}/${res.body.overallStatus}`;
      expected[key] = (expected[key] ?? 0) + 1;
    }
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(3);
    expect((await publish({ statuses: {} })).status).toBe(400);

    const text = await metrics.scrape();
    expect(text).toContain('# TYPE tofui_reports_published_total counter');
    for (const [key, count] of Object.entries(expected)) {
      const [type, overall_status] = key.split('/');
      expect(
        sumSamples(text, 'tofui_reports_published_total', {
          type,
          overall_status,
        }),
      ).toBe(count);
    }
    expect(sumSamples(text, 'tofui_reports_published_total')).toBe(5);
    expect(text).toContain('# TYPE tofui_publish_duration_seconds histogram');
    expect(
      sumSamples(text, 'tofui_publish_duration_seconds_count', {
        outcome: 'success',
      }),
    ).toBe(5);
    expect(
      sumSamples(text, 'tofui_publish_duration_seconds_count', {
        outcome: 'error',
      }),
    ).toBe(1);
    // seconds, in buckets meant for seconds
    const sum = sumSamples(text, 'tofui_publish_duration_seconds_sum');
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(30);
    expect(
      sumSamples(text, 'tofui_publish_duration_seconds_bucket', { le: '+Inf' }),
    ).toBe(6);
  });

  it('counts cache hits and misses of summary and list reads', async () => {
    const hits = await metrics.value('tofui_cache_hits_total');
    const misses = await metrics.value('tofui_cache_misses_total');
    const read = () =>
      api.asUser(
        api.http().get('/api/tofui/v1/reports?repository=acme/infrastructure'),
      );
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);
    expect(await metrics.value('tofui_cache_misses_total')).toBe(misses + 1);
    expect(await metrics.value('tofui_cache_hits_total')).toBe(hits + 1);
  });

  it('times renders', async () => {
    const res = await api
      .asService(api.http().post('/api/tofui/v1/reports'))
      .field('report', JSON.stringify({ ...ORIGINAL_REPORT, build_name: 'r' }))
      .attach('plan', Buffer.from(PLAN), 'plan.json');
    expect(res.status).toBe(201);
    const deadline = Date.now() + 20_000;
    while (
      (await metrics.value('tofui_render_duration_seconds_count', {
        outcome: 'success',
      })) < 1
    ) {
      if (Date.now() > deadline) throw new Error('no render recorded');
      await new Promise(r => setTimeout(r, 100));
    }
    const report = await api.asUser(
      api.http().get(`/api/tofui/v1/reports/${res.body.id}`),
    );
    expect(report.body.renderStatus).toBe('rendered');
  });

  it('reports the depth of the job queue', async () => {
    expect(await metrics.value('tofui_render_queue_depth')).toBe(0);
    const jobs = new KnexJobStore(knex);
    const later = new Date(Date.now() + 3600_000); // not due: stays queued
    for (const reportId of ['q-1', 'q-2', 'q-3']) {
      await jobs.enqueue(
        { type: 'render-report', payload: { reportId }, runAfter: later },
        new Date(),
      );
    }
    expect(await metrics.value('tofui_render_queue_depth')).toBe(3);
    await knex('jobs').delete();
    expect(await metrics.value('tofui_render_queue_depth')).toBe(0);
  });

  it('counts storage failures by backend, not missing artifacts', async () => {
    // an artifact gone from storage is the request's 404, not a storage error
    const withHtml = await publish({
      ...ORIGINAL_REPORT,
      build_name: 'html-gone',
      artifacts: { html: { content: '<p>report</p>' } },
    });
    expect(withHtml.status).toBe(201);
    fs.rmSync(artifacts, { recursive: true, force: true });
    const missing = await api.asUser(
      api.http().get(`/api/tofui/v1/reports/${withHtml.body.id}/html`),
    );
    expect(missing.status).toBe(404);
    expect(await metrics.value('tofui_storage_errors_total')).toBe(0);

    // the storage directory becomes a file: every write fails
    fs.writeFileSync(artifacts, '');
    const res = await publish({
      ...ORIGINAL_REPORT,
      build_name: 'storage-down',
      artifacts: { html: { content: '<p>report</p>' } },
    });
    expect(res.status).toBe(503);
    expect(
      await metrics.value('tofui_storage_errors_total', { backend: 'local' }),
    ).toBeGreaterThanOrEqual(1);
    fs.rmSync(artifacts, { force: true });
    fs.mkdirSync(artifacts);
  });
});

describe('recordRetention', () => {
  it('counts archived and deleted reports, dry runs apart', async () => {
    const test = await startTestMetrics();
    try {
      const metrics = new TofuiMetrics(test.meter, async () => 0);
      metrics.recordRetention({ archived: 4, deleted: 1, dryRun: false });
      metrics.recordRetention({ archived: 2, deleted: 0, dryRun: false });
      metrics.recordRetention({ archived: 9, deleted: 9, dryRun: true });
      const text = await test.scrape();
      const value = (action: string, dry_run: string) =>
        sumSamples(text, 'tofui_retention_reports_total', { action, dry_run });
      expect(value('archived', 'false')).toBe(6);
      expect(value('deleted', 'false')).toBe(1);
      expect(value('archived', 'true')).toBe(9);
      expect(value('deleted', 'true')).toBe(9);
    } finally {
      await test.stop();
    }
  });
});
