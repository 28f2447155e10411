import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  clearTables,
  createTestDatabases,
} from '../__testUtils__/testServices';
import { KnexTofuiStore } from '../database/KnexTofuiStore';
import { recomputeVerdicts } from './recomputeVerdicts';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-01-05T00:00:00Z');

describe.each(databases.eachSupportedId())('recomputeVerdicts on %s', id => {
  let knex: Knex;
  let store: KnexTofuiStore;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await KnexTofuiStore.create(mockServices.database({ knex }));
  });
  beforeEach(() => clearTables(knex));

  it('re-derives the verdicts of reports and folders using a changed status type', async () => {
    const failing = {
      label: 'Bad',
      emoji: '❌',
      color: '#cf222e',
      status: 'failing' as const,
    };
    const passing = { ...failing, label: 'Fine', status: 'passing' as const };
    await store.statusTypes.put(
      { key: 'checkov', name: 'Checkov', mappings: { '1': failing } },
      'api',
      NOW,
    );
    // 1,200 reports (more than one batch) in 3 folders, all failing on checkov:1
    for (let i = 0; i < 1200; i++) {
      await store.reports.publish(
        {
          repository: 'acme/infra',
          folder: `f${i % 3}`,
          reportType: 'build',
          buildName: `b${i}`,
          statuses: { checkov: 1 },
          overallStatus: 'failing',
          metadata: {},
          createdAt: new Date(NOW.getTime() + i),
        },
        NOW,
        'user:default/test',
      );
    }
    await store.reports.publish(
      {
        repository: 'acme/other',
        folder: 'x',
        reportType: 'build',
        buildName: 'o',
        statuses: { tfsec: 1 },
        overallStatus: 'failing',
        metadata: {},
        createdAt: NOW,
      },
      NOW,
      'user:default/test',
    );

    await store.statusTypes.put(
      { key: 'checkov', name: 'Checkov', mappings: { '1': passing } },
      'api',
      NOW,
    );
    expect(
      await recomputeVerdicts(store, { statusTypeKey: 'checkov' }),
    ).toEqual({ changed: 1200 });

    const summary = await store.reports.summary({ limit: 10 });
    expect(summary.items.map(s => `${s.folder}:${s.overallStatus}`)).toEqual([
      'x:failing', // tfsec reports are untouched
      'f0:passing',
      'f1:passing',
      'f2:passing',
    ]);
    expect(
      (await store.reports.list({ overallStatus: 'failing', limit: 5 })).items,
    ).toHaveLength(1);
    // running it again changes nothing
    expect(
      await recomputeVerdicts(store, { statusTypeKey: 'checkov' }),
    ).toEqual({ changed: 0 });
  });
});
