import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LegacySlot } from './dashboardFormat';
import { findArtifacts, findUrlInTrees } from './findArtifacts';

const FIXTURE = path.resolve(__dirname, '../../__fixtures__/legacy-dashboard');
const slot = (fields: Partial<LegacySlot>): LegacySlot => ({
  source_repo: 'acme/infrastructure',
  folder: 'aws_us_east_1',
  report_type: 'build',
  build_name: 'deploy-41',
  statuses: {},
  ...fields,
});
const inFixture = (rel: string) => path.join(FIXTURE, rel);

describe('findArtifacts', () => {
  it('follows an html_url into the tree, then finds the plan and log beside it', () => {
    expect(
      findArtifacts(
        [FIXTURE],
        slot({
          html_url:
            'https://acme.github.io/infrastructure/aws_us_east_1/html_report/deploy-41.html',
        }),
      ),
    ).toEqual({
      htmlUrlInTree: true,
      html: inFixture('aws_us_east_1/html_report/deploy-41.html'),
      plan: inFixture('aws_us_east_1/json_plan/deploy-41.json'),
      log: inFixture('aws_us_east_1/logs/deploy-41.log'),
    });
  });

  it('finds the root folder files at the top of the tree, whatever the Pages host', () => {
    expect(
      findArtifacts(
        [FIXTURE],
        slot({
          folder: '_root',
          build_name: 'network-update-10',
          html_url:
            'https://pages.github.example.com/acme/networking/html_report/network-update-10.html',
        }),
      ),
    ).toEqual({
      htmlUrlInTree: true,
      html: inFixture('html_report/network-update-10.html'),
      log: inFixture('logs/network-update-10.log'),
    });
  });

  it('finds files by the sanitized build name when there is no html_url', () => {
    expect(
      findArtifacts(
        [FIXTURE],
        slot({ report_type: 'test', build_name: 'PR #17 plan' }),
      ),
    ).toEqual({
      htmlUrlInTree: false,
      plan: inFixture('aws_us_east_1/json_plan/pr-17-plan.json'),
    });
  });

  it('keeps an html_url that leads elsewhere, uploading no HTML in its place', () => {
    expect(
      findArtifacts(
        [FIXTURE],
        slot({
          html_url: 'https://ci.acme.example/artifacts/deploy-41/report.html',
        }),
      ),
    ).toEqual({
      htmlUrlInTree: false,
      plan: inFixture('aws_us_east_1/json_plan/deploy-41.json'),
      log: inFixture('aws_us_east_1/logs/deploy-41.log'),
    });
  });

  it('looks in the other trees too', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-source-pages-'));
    try {
      fs.mkdirSync(path.join(other, 'eu', 'html_report'), { recursive: true });
      fs.writeFileSync(
        path.join(other, 'eu', 'html_report', 'x-1.html'),
        '<p>',
      );
      expect(
        findArtifacts(
          [FIXTURE, other],
          slot({
            folder: 'eu',
            build_name: 'x-1',
            html_url: 'https://acme.github.io/app/eu/html_report/x-1.html',
          }),
        ),
      ).toEqual({
        htmlUrlInTree: true,
        html: path.join(other, 'eu', 'html_report', 'x-1.html'),
      });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('never leaves the trees, and ignores a bare file name', () => {
    expect(
      findUrlInTrees(
        [path.join(FIXTURE, 'reports')],
        'https://x.example/a/%2e%2e/config.json',
      ),
    ).toBeUndefined();
    expect(
      findUrlInTrees([path.join(FIXTURE, 'reports')], '../config.json'),
    ).toBeUndefined();
    expect(
      findUrlInTrees([FIXTURE], 'https://x.example/config.json'),
    ).toBeUndefined();
    expect(
      findUrlInTrees(
        [FIXTURE],
        'https://x.example/site/reports/index.json?v=2',
      ),
    ).toBe(inFixture('reports/index.json'));
  });
});
