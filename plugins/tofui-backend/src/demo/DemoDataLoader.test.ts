import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ReportService } from '../service/ReportService';
import { DemoDataLoader } from './DemoDataLoader';

describe('DemoDataLoader', () => {
  it('publishes each demo report with its inline plan, the newest five minutes old', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tofui-demo-'));
    const plan = JSON.stringify({ format_version: '1.2', resource_changes: [] });
    await fs.writeFile(
      path.join(dir, 'demo.json'),
      JSON.stringify([
        {
          source_repo: 'acme/infra',
          folder: '_root',
          build_name: 'deploy-1',
          statuses: {},
          timestamp: '2026-11-20T09:00:00Z',
        },
        {
          source_repo: 'acme/infra',
          folder: '_root',
          build_name: 'pr-2',
          report_type: 'test',
          statuses: {},
          timestamp: '2026-11-20T10:00:00Z',
          artifacts: { plan: { content: plan } },
        },
      ]),
    );
    const published: Array<{ build: string; at?: string; uploads: unknown }> =
      [];
    const reports = {
      async publish(body: any, uploads: any) {
        published.push({
          build: body.build_name,
          at: body.timestamp,
          uploads: [...uploads].map(([kind, data]) => [kind, String(data)]),
        });
        return { report: {}, created: true };
      },
    } as unknown as ReportService;
    const now = new Date('2026-12-02T12:00:00Z');

    await new DemoDataLoader(reports, mockServices.logger.mock()).load(
      path.join(dir, 'demo.json'),
      now,
    );

    expect(published).toEqual([
      { build: 'deploy-1', at: '2026-12-02T10:55:00.000Z', uploads: [] },
      {
        build: 'pr-2',
        at: '2026-12-02T11:55:00.000Z',
        uploads: [['plan', plan]],
      },
    ]);
    await fs.rm(dir, { recursive: true });
  });
});
