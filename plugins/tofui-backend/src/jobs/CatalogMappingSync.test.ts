import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import {
  clearTables,
  createTestDatabases,
} from '../__testUtils__/testServices';
import { KnexTofuiStore } from '../database/KnexTofuiStore';
import { TOFUI_MAPPING_CHANGED_TOPIC } from '@tofui/backstage-plugin-tofui-common';
import { CATALOG_SYNC_TASK, CatalogMappingSync } from './CatalogMappingSync';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function component(
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const ENTITIES = [
  component('network', {
    'tofui.io/repository': 'acme/infra',
    'tofui.io/folders': 'aws_*, _root',
  }),
  component(
    'platform',
    { 'github.com/project-slug': 'acme/platform' },
    'group:default/team-b',
  ),
  component('pipelines', { 'gitlab.com/project-slug': 'acme/pipelines' }),
  component('website', {
    'backstage.io/source-location':
      'url:https://github.com/acme/website/tree/main/',
  }),
  // Not tofUI's: a source location elsewhere, and no annotation at all.
  component('elsewhere', {
    'backstage.io/source-location': 'url:https://example.com/acme/x',
  }),
  component('plain', {}),
];

describe.each(databases.eachSupportedId())('CatalogMappingSync on %s', id => {
  let knex: Knex;
  let store: KnexTofuiStore;
  const invalidations: number[] = [];

  const sync = (entities: Entity[]) =>
    new CatalogMappingSync(
      catalogServiceMock({ entities }),
      mockServices.auth(),
      store,
      mockServices.logger.mock(),
      async () => {
        invalidations.push(Date.now());
      },
    );

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await KnexTofuiStore.create(mockServices.database({ knex }));
  });
  beforeEach(() => clearTables(knex));

  it('maps annotated entities, with every repository annotation, and registers their repositories', async () => {
    const mappings = await sync(ENTITIES).run();
    expect(
      mappings.map(m => [m.entityRef, m.repository, m.folderPatterns ?? null]),
    ).toEqual(
      expect.arrayContaining([
        ['component:default/network', 'acme/infra', ['aws_*', '_root']],
        ['component:default/platform', 'acme/platform', null],
        ['component:default/pipelines', 'acme/pipelines', null],
        ['component:default/website', 'acme/website', null],
      ]),
    );
    expect(mappings).toHaveLength(4);
    const repos = (await store.repositories.list({ limit: 10 })).items;
    expect(repos.map(r => [r.repository, r.entityRef])).toEqual([
      ['acme/infra', 'component:default/network'],
      ['acme/pipelines', 'component:default/pipelines'],
      ['acme/platform', 'component:default/platform'],
      ['acme/website', 'component:default/website'],
    ]);
    expect(
      (await store.mappings.list()).find(m => m.repository === 'acme/platform')
        ?.ownerRefs,
    ).toEqual(['group:default/team-b']);
    expect(invalidations.length).toBeGreaterThan(0);
  });

  it('invalidates nothing when a sync finds the mappings it stored, and does when one changed', async () => {
    await sync(ENTITIES).run();
    const after = invalidations.length;
    await sync([...ENTITIES].reverse()).run();
    expect(invalidations.length).toBe(after);
    const newOwner = ENTITIES.map(e =>
      e.metadata.name === 'platform'
        ? component(
            'platform',
            { 'github.com/project-slug': 'acme/platform' },
            'group:default/team-c',
          )
        : e,
    );
    await sync(newOwner).run();
    expect(invalidations.length).toBe(after + 1);
    expect(
      (await store.mappings.list()).find(m => m.repository === 'acme/platform')
        ?.ownerRefs,
    ).toEqual(['group:default/team-c']);
  });

  it('follows a rename without losing history', async () => {
    await store.reports.publish(
      {
        repository: 'acme/infra',
        folder: 'aws_prod',
        reportType: 'build',
        buildName: 'b1',
        statuses: {},
        overallStatus: 'passing',
        metadata: {},
        createdAt: new Date('2026-01-01T00:00:00Z'),
      },
      new Date('2026-01-01T00:00:00Z'),
      'test',
    );
    await sync(ENTITIES).run();
    const renamed = ENTITIES.map(e =>
      e.metadata.name === 'network'
        ? { ...e, metadata: { ...e.metadata, name: 'networking' } }
        : e,
    );
    await sync(renamed).run();

    const reports = await store.reports.list({
      access: { entities: ['component:default/networking'] },
      limit: 10,
    });
    expect(reports.items.map(r => r.buildName)).toEqual(['b1']);
    expect(
      (
        await store.reports.list({
          access: { entities: ['component:default/network'] },
          limit: 10,
        })
      ).items,
    ).toEqual([]);
    const infra = (await store.repositories.list({ text: 'infra', limit: 1 }))
      .items[0];
    expect(infra.entityRef).toBe('component:default/networking');
  });

  it('syncs once shortly after a burst of catalog announcements', async () => {
    const events = mockServices.events();
    const scheduler = mockServices.scheduler.mock({
      triggerTask: jest.fn(async () => {}),
    });
    await sync([]).syncOnCatalogEvents(events, scheduler, 50);
    for (let i = 0; i < 3; i++) {
      await events.publish({
        topic: TOFUI_MAPPING_CHANGED_TOPIC,
        eventPayload: { entityRef: `component:default/e${i}` },
      });
    }
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
    expect(scheduler.triggerTask).toHaveBeenCalledWith(CATALOG_SYNC_TASK);
  });
});
