import type { FolderSummary } from '@tofui/backstage-plugin-tofui-common';
import {
  SUMMARY_FILTER_CASES,
  summaryCaseKey,
  summaryCaseRows,
} from '@tofui/backstage-plugin-tofui-common/testUtils';
import { fakeTofuiApi, report, SUMMARY } from '../__testUtils__/fakeTofuiApi';
import { narrowLocally } from './narrowLocally';

const folders = (items?: FolderSummary[]) => items?.map(i => i.folder);

describe('narrowLocally', () => {
  it('applies added filters with the server rules', () => {
    expect(folders(narrowLocally(SUMMARY, {}, { status: 'failing' }))).toEqual([
      'aws_us_east_2',
    ]);
    // by type: only folders with such a report, judged by it
    expect(folders(narrowLocally(SUMMARY, {}, { type: 'test' }))).toEqual([
      'gcp_europe_west1',
    ]);
    expect(
      folders(narrowLocally(SUMMARY, {}, { type: 'build', status: 'passing' })),
    ).toEqual(['_root']);
    expect(
      folders(narrowLocally(SUMMARY, {}, { repository: 'ACME/networking' })),
    ).toEqual(['_root']);
    expect(folders(narrowLocally(SUMMARY, {}, { q: 'NETWORK' }))).toEqual([
      '_root',
    ]);
    expect(
      folders(narrowLocally(SUMMARY, { q: 'gcp' }, { q: 'gcp_eu' })),
    ).toEqual(['gcp_europe_west1']);
  });

  it('filters by the latest run time', () => {
    const recent = [
      {
        ...SUMMARY[0],
        latestBuild: report({ createdAt: '2026-11-20T00:00:00Z' }),
      },
      {
        ...SUMMARY[2],
        latestBuild: report({ createdAt: '2026-11-25T00:00:00Z' }),
      },
    ];
    expect(
      folders(narrowLocally(recent, {}, { since: '2026-11-24T00:00:00Z' })),
    ).toEqual(['_root']);
  });

  it.each([
    [{ status: 'failing' }, {}],
    [{ status: 'failing' }, { status: 'passing' }],
    [{ q: 'gcp_eu' }, { q: 'gcp' }],
    [{}, { owner: 'group:default/network' }],
    [{}, { sort: 'recent' }],
    [{ since: '2026-11-24T00:00:00Z' }, { since: '2026-11-20T00:00:00Z' }],
  ] as const)('needs the server from %j to %j', (from, to) => {
    expect(narrowLocally(SUMMARY, from, to)).toBeUndefined();
  });
});

// The shared case table: the server's SQL passes it too (KnexReportStore.test).
describe.each(SUMMARY_FILTER_CASES)('summary filter case: $name', c => {
  const keys = (items?: FolderSummary[]) => items?.map(summaryCaseKey).sort();

  it('local narrowing keeps what the server keeps', () => {
    expect(keys(narrowLocally(summaryCaseRows(), {}, c.query))).toEqual(
      [...c.folders].sort(),
    );
  });

  it('the test fake answers what the server answers', async () => {
    const { api } = fakeTofuiApi(summaryCaseRows());
    expect(keys((await api.getSummary(c.query)).items)).toEqual(
      [...c.folders].sort(),
    );
  });
});
