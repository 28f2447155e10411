import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  clearTables,
  createTestDatabases,
} from '../../__testUtils__/testServices';
import { KnexTofuiStore } from '../KnexTofuiStore';
import type { NewReport, ReportAccess } from '../TofuiStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-01-05T00:00:00Z');

function report(
  repository: string,
  folder: string,
  buildName = 'b1',
): NewReport {
  return {
    repository,
    folder,
    reportType: 'build',
    buildName,
    statuses: {},
    overallStatus: 'passing',
    metadata: {},
    createdAt: NOW,
  };
}

const NETWORK = {
  entityRef: 'Component:default/Network',
  repository: 'acme/infra',
  folderPatterns: ['aws_*'],
  ownerRefs: ['group:default/team-net'],
};
const PLATFORM = {
  entityRef: 'component:default/platform',
  repository: 'Acme/Platform',
  ownerRefs: ['group:default/team-platform', 'user:default/pat'],
};

describe.each(databases.eachSupportedId())(
  'catalog mappings and report access on %s',
  id => {
    let knex: Knex;
    let store: KnexTofuiStore;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      knex = await databases.init(id);
      store = await KnexTofuiStore.create(mockServices.database({ knex }));
    });
    beforeEach(async () => {
      await clearTables(knex);
      for (const [repository, folder] of [
        ['acme/infra', 'aws_us'],
        ['acme/infra', 'aws_eu'],
        ['acme/infra', 'gcp_eu'],
        ['acme/platform', '_root'],
        ['acme/unmapped', 'x'],
      ]) {
        const { report: stored } = await store.reports.publish(
          report(repository, folder),
          NOW,
          'test',
        );
        ids[`${repository}/${folder}`] = stored.id;
      }
      await store.mappings.replaceAll([NETWORK, PLATFORM], NOW);
    });

    const folders = async (access: ReportAccess | undefined) =>
      (await store.reports.list({ access, limit: 100 })).items
        .map(r => `${r.repository}/${r.folder}`.toLowerCase())
        .sort();

    it('registers mapped repositories and points them at their entity', async () => {
      await store.mappings.replaceAll(
        [
          NETWORK,
          PLATFORM,
          {
            ...PLATFORM,
            entityRef: 'component:default/new',
            repository: 'acme/fresh',
          },
        ],
        NOW,
      );
      const repos = (await store.repositories.list({ limit: 10 })).items;
      expect(
        Object.fromEntries(repos.map(r => [r.repository, r.entityRef ?? null])),
      ).toEqual({
        'acme/fresh': 'component:default/new',
        'acme/infra': 'component:default/network',
        'acme/platform': 'component:default/platform',
        'acme/unmapped': null,
      });
    });

    it('filters by owner, entity, mapping and repository in SQL, with and, or and not', async () => {
      expect(await folders({ ownedBy: ['group:default/team-net'] })).toEqual([
        'acme/infra/aws_eu',
        'acme/infra/aws_us',
      ]);
      expect(await folders({ ownedBy: ['USER:default/pat'] })).toEqual([
        'acme/platform/_root',
      ]);
      expect(
        await folders({ entities: ['component:default/network'] }),
      ).toEqual(['acme/infra/aws_eu', 'acme/infra/aws_us']);
      expect(await folders({ mapped: true })).toEqual([
        'acme/infra/aws_eu',
        'acme/infra/aws_us',
        'acme/platform/_root',
      ]);
      expect(await folders({ repositories: ['Acme/Unmapped'] })).toEqual([
        'acme/unmapped/x',
      ]);
      expect(
        await folders({
          anyOf: [
            { ownedBy: ['group:default/team-platform'] },
            { repositories: ['acme/unmapped'] },
          ],
        }),
      ).toEqual(['acme/platform/_root', 'acme/unmapped/x']);
      expect(
        await folders({
          allOf: [
            { mapped: true },
            { not: { repositories: ['acme/platform'] } },
          ],
        }),
      ).toEqual(['acme/infra/aws_eu', 'acme/infra/aws_us']);
      expect(await folders({ ownedBy: ['group:default/nobody'] })).toEqual([]);
      expect((await folders(undefined)).length).toBe(5);
    });

    it('applies access to get, artifacts, summary, insights, repositories and folders', async () => {
      const access: ReportAccess = { ownedBy: ['group:default/team-net'] };
      const hidden = ids['acme/platform/_root'];
      const visible = ids['acme/infra/aws_us'];
      expect(await store.reports.get(hidden, access)).toBeUndefined();
      expect(await store.reports.get(visible, access)).toBeDefined();
      expect(
        await store.reports.getStoredArtifacts(hidden, access),
      ).toBeUndefined();
      expect(await store.reports.getStoredArtifacts(visible, access)).toEqual(
        {},
      );

      const summary = await store.reports.summary({ access, limit: 1 });
      expect(summary.items.map(s => s.folder)).toEqual(['aws_eu']);
      // Counts and pages are cut after the filter.
      expect(summary.counts).toEqual({
        failing: 0,
        unknown: 0,
        passing: 2,
        total: 2,
      });
      expect(summary.nextCursor).toBeDefined();

      const insights = await store.reports.insights({
        from: new Date(NOW.getTime() - 86_400_000),
        to: new Date(NOW.getTime() + 86_400_000),
        access,
        top: 10,
      });
      expect(insights.totals.reports).toBe(2);

      const repos = await store.repositories.list({ access, limit: 10 });
      expect(repos.items.map(r => r.repository)).toEqual(['acme/infra']);
      const hiddenRepo = (
        await store.repositories.list({ limit: 10 })
      ).items.find(r => r.repository === 'acme/platform')!;
      expect(
        await store.repositories.get(hiddenRepo.id, access),
      ).toBeUndefined();
      const folderPage = await store.repositories.listFolders({
        access,
        limit: 10,
      });
      expect(folderPage.items.map(f => f.name)).toEqual(['aws_eu', 'aws_us']);
    });

    it('covers folders created after the sync once mapped', async () => {
      await store.reports.publish(report('acme/infra', 'aws_ap'), NOW, 'test');
      await store.mappings.mapFolder('Acme/Infra', 'aws_ap');
      await store.reports.publish(report('acme/infra', 'gcp_ap'), NOW, 'test');
      await store.mappings.mapFolder('acme/infra', 'gcp_ap');
      expect(await folders({ ownedBy: ['group:default/team-net'] })).toEqual([
        'acme/infra/aws_ap',
        'acme/infra/aws_eu',
        'acme/infra/aws_us',
      ]);
    });

    it('keeps history when an entity is renamed or changes owner', async () => {
      const renamed = {
        ...NETWORK,
        entityRef: 'component:default/networking',
        ownerRefs: ['group:default/team-cloud'],
      };
      await store.mappings.replaceAll([renamed, PLATFORM], NOW);
      expect(await folders({ ownedBy: ['group:default/team-net'] })).toEqual(
        [],
      );
      expect(await folders({ ownedBy: ['group:default/team-cloud'] })).toEqual([
        'acme/infra/aws_eu',
        'acme/infra/aws_us',
      ]);
      const repo = (await store.repositories.list({ text: 'infra', limit: 1 }))
        .items[0];
      expect(repo.entityRef).toBe('component:default/networking');
      // Removing the entity unmaps the repository; its reports stay.
      await store.mappings.replaceAll([PLATFORM], NOW);
      expect(await folders({ mapped: true })).toEqual(['acme/platform/_root']);
      const after = (await store.repositories.get(repo.id))!;
      expect(after.entityRef).toBeUndefined();
      expect((await folders(undefined)).length).toBe(5);
    });

    it('describes reports for the permission framework', async () => {
      const coverage = await store.mappings.coverageOfReports([
        ids['acme/infra/aws_us'],
        'f0000000-0000-4000-8000-000000000000',
        ids['acme/unmapped/x'],
      ]);
      expect(coverage).toEqual([
        {
          id: ids['acme/infra/aws_us'],
          repository: 'acme/infra',
          folder: 'aws_us',
          entityRefs: ['component:default/network'],
          ownerRefs: ['group:default/team-net'],
        },
        undefined,
        {
          id: ids['acme/unmapped/x'],
          repository: 'acme/unmapped',
          folder: 'x',
          entityRefs: [],
          ownerRefs: [],
        },
      ]);
      expect((await store.mappings.list()).map(m => m.entityRef)).toEqual([
        'component:default/network',
        'component:default/platform',
      ]);
    });
  },
);
