import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  clearTables,
  createTestDatabases,
} from '../../__testUtils__/testServices';
import { KnexTofuiStore, migrationsDir } from '../KnexTofuiStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-01-05T00:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(databases.eachSupportedId())('tofUI stores on %s', id => {
  let knex: Knex;
  let store: KnexTofuiStore;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await KnexTofuiStore.create(mockServices.database({ knex }));
  });
  beforeEach(() => clearTables(knex));

  describe('repositories', () => {
    it('registers idempotently, keeping folders and updating names', async () => {
      const first = await store.repositories.register(
        {
          repository: 'Acme/Infra',
          displayName: 'Infra',
          folders: ['aws', '_root'],
        },
        NOW,
      );
      expect(first.before).toBeUndefined();
      expect(first.repository).toMatchObject({
        repository: 'Acme/Infra',
        owner: 'Acme',
        name: 'Infra',
        displayName: 'Infra',
        folderCount: 2,
      });
      const second = await store.repositories.register(
        {
          repository: 'acme/infra',
          entityRef: 'component:default/infra',
          folders: ['gcp'],
        },
        later(1000),
      );
      expect(second.before).toEqual(first.repository);
      expect(second.repository).toMatchObject({
        id: first.repository.id,
        displayName: 'Infra',
        entityRef: 'component:default/infra',
        folderCount: 3,
        updatedAt: later(1000).toISOString(),
      });
      expect(
        (await store.repositories.foldersOf(first.repository.id)).map(
          f => f.name,
        ),
      ).toEqual(['_root', 'aws', 'gcp']);
    });

    it('lists by name with entity and text filters, and pages', async () => {
      for (const name of ['a/one', 'b/two', 'c/three']) {
        await store.repositories.register(
          { repository: name, folders: [] },
          NOW,
        );
      }
      await store.repositories.register(
        {
          repository: 'd/four',
          entityRef: 'component:default/x',
          displayName: 'Fourth',
          folders: [],
        },
        NOW,
      );
      const page1 = await store.repositories.list({ limit: 3 });
      expect(page1.items.map(r => r.repository)).toEqual([
        'a/one',
        'b/two',
        'c/three',
      ]);
      const page2 = await store.repositories.list({
        limit: 3,
        cursor: page1.nextCursor,
      });
      expect(page2.items.map(r => r.repository)).toEqual(['d/four']);
      expect(page2.nextCursor).toBeUndefined();
      expect(
        (
          await store.repositories.list({
            entityRef: 'component:default/x',
            limit: 9,
          })
        ).items,
      ).toHaveLength(1);
      expect(
        (await store.repositories.list({ text: 'fourth', limit: 9 })).items,
      ).toHaveLength(1);
    });

    it('lists folders by repository and verdict', async () => {
      await store.repositories.register(
        { repository: 'a/one', folders: ['x', 'y'] },
        NOW,
      );
      await store.repositories.register(
        { repository: 'b/two', folders: ['z'] },
        NOW,
      );
      const all = await store.repositories.listFolders({ limit: 2 });
      expect(all.items.map(f => `${f.repository}:${f.name}`)).toEqual([
        'a/one:x',
        'a/one:y',
      ]);
      const rest = await store.repositories.listFolders({
        limit: 2,
        cursor: all.nextCursor,
      });
      expect(rest.items.map(f => `${f.repository}:${f.name}`)).toEqual([
        'b/two:z',
      ]);
      expect(
        (
          await store.repositories.listFolders({
            repository: 'B/TWO',
            limit: 9,
          })
        ).items,
      ).toHaveLength(1);
      // folders without reports have no verdict yet
      expect(
        (
          await store.repositories.listFolders({
            overallStatus: 'unknown',
            limit: 9,
          })
        ).items,
      ).toHaveLength(3);
    });
  });

  describe('status types', () => {
    it('creates and replaces, remembering the source and the previous definition', async () => {
      const mappings = {
        '0': {
          label: 'ok',
          emoji: '✅',
          color: '#1a7f37',
          status: 'passing' as const,
        },
      };
      const created = await store.statusTypes.put(
        { key: 'checkov', name: 'Checkov', mappings },
        'config',
        NOW,
      );
      expect(created.before).toBeUndefined();
      const replaced = await store.statusTypes.put(
        { key: 'checkov', name: 'Checkov!', mappings: {} },
        'api',
        NOW,
      );
      expect(replaced.before).toEqual({
        key: 'checkov',
        name: 'Checkov',
        mappings,
        source: 'config',
      });
      expect(await store.statusTypes.get('checkov')).toEqual({
        key: 'checkov',
        name: 'Checkov!',
        mappings: {},
        source: 'api',
      });
      expect(await store.statusTypes.list()).toHaveLength(1);
    });
  });

  describe('audit log', () => {
    it('records writes and lists them newest first with filters and pages', async () => {
      for (let i = 0; i < 5; i++) {
        await store.auditLog.record(
          {
            entityType: i < 3 ? 'report' : 'repository',
            entityId: `e${i}`,
            action: 'create',
            actor: i % 2 ? 'user:default/ann' : 'service:external:ci',
            after: { n: i },
          },
          later(i),
        );
      }
      const page = await store.auditLog.list({ limit: 2 });
      expect(page.items.map(e => e.entityId)).toEqual(['e4', 'e3']);
      expect(page.items[0]).toMatchObject({
        actor: 'service:external:ci',
        after: { n: 4 },
      });
      const next = await store.auditLog.list({
        limit: 2,
        cursor: page.nextCursor,
      });
      expect(next.items.map(e => e.entityId)).toEqual(['e2', 'e1']);
      expect(
        (
          await store.auditLog.list({
            entityType: 'report',
            actor: 'user:default/ann',
            limit: 9,
          })
        ).items.map(e => e.entityId),
      ).toEqual(['e1']);
      expect(
        (await store.auditLog.list({ entityId: 'e0', limit: 9 })).items,
      ).toHaveLength(1);
    });
  });

  describe('jobs', () => {
    it('queues one job per dedupe key while it waits', async () => {
      await store.jobs.enqueue(
        { type: 't', payload: { a: 1 }, dedupeKey: 'k' },
        NOW,
      );
      await store.jobs.enqueue(
        { type: 't', payload: { a: 2 }, dedupeKey: 'k' },
        NOW,
      );
      expect(await store.jobs.countPending()).toBe(1);
      const [job] = await store.jobs.claim('w1', 5, 60_000, NOW);
      expect(job).toMatchObject({ type: 't', payload: { a: 1 }, attempts: 1 });
      // a change while the job runs queues a fresh one
      await store.jobs.enqueue(
        { type: 't', payload: { a: 3 }, dedupeKey: 'k' },
        NOW,
      );
      expect(await store.jobs.countPending()).toBe(2);
    });

    it('gives each job to exactly one of several concurrent workers', async () => {
      for (let i = 0; i < 20; i++) {
        await store.jobs.enqueue({ type: 't', payload: { i } }, NOW);
      }
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, w) =>
          store.jobs.claim(`w${w}`, 5, 60_000, NOW),
        ),
      );
      const ids = claims.flat().map(j => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(20);
    });

    it('retries with backoff, then gives up; an expired lease frees a job', async () => {
      await store.jobs.enqueue({ type: 't', payload: {}, maxAttempts: 2 }, NOW);
      const [first] = await store.jobs.claim('w', 1, 60_000, NOW);
      await store.jobs.fail(first, 'boom', NOW);
      expect(await store.jobs.claim('w', 1, 60_000, later(1000))).toEqual([]); // backing off
      const [second] = await store.jobs.claim('w', 1, 60_000, later(10_000));
      expect(second.attempts).toBe(2);
      await store.jobs.fail(second, 'boom again', later(10_000));
      expect(await store.jobs.countPending()).toBe(0);
      expect(await knex('jobs').select('status', 'last_error')).toEqual([
        { status: 'failed', last_error: 'boom again' },
      ]);

      await store.jobs.enqueue({ type: 'lease', payload: {} }, NOW);
      const [leased] = await store.jobs.claim('dead-worker', 1, 60_000, NOW);
      expect(await store.jobs.claim('w', 1, 60_000, later(30_000))).toEqual([]);
      const [again] = await store.jobs.claim('w', 1, 60_000, later(61_000));
      expect(again.id).toBe(leased.id);
      await store.jobs.complete(again.id);
      expect(await store.jobs.countPending()).toBe(0);
    });
  });

  it('migrates all the way down and up again', async () => {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
    expect(await knex.schema.hasTable('reports')).toBe(false);
    expect(await knex.schema.hasTable('jobs')).toBe(false);
    await knex.migrate.latest({ directory: migrationsDir });
    expect(await knex.schema.hasTable('audit_logs')).toBe(true);
    expect(await knex.schema.hasColumn('status_types', 'source')).toBe(true);
  });
});
