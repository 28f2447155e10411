import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import {
  ORIGINAL_REPORT,
  startTofuiBackend,
} from '../__testUtils__/testBackend';
import {
  clearTables,
  countRows,
  createTestDatabases,
} from '../__testUtils__/testServices';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** A component owned by the network team, covering some folders of two repositories. */
function ownedComponent(
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

const CATALOG = [
  ownedComponent('network-core', 'network', {
    'tofui.io/repository': 'acme/net',
  }),
  ownedComponent('network-edge', 'network', {
    'github.com/project-slug': 'Acme/Infrastructure',
    'tofui.io/folders': 'b*, x',
  }),
  ownedComponent('billing', 'billing', { 'tofui.io/repository': 'acme/bill' }),
];

describe.each(databases.eachSupportedId())('tofUI API on %s', id => {
  let knex: Knex;
  let api: Awaited<ReturnType<typeof startTofuiBackend>>;

  beforeAll(async () => {
    knex = await databases.init(id);
    api = await startTofuiBackend(knex, {}, [
      catalogServiceMock.factory({ entities: CATALOG }),
    ]);
  });
  afterAll(() => api.stop());

  const publish = (body: object) =>
    api.asService(api.http().post('/api/tofui/v1/reports')).send(body);

  it('answers health without credentials', async () => {
    const res = await api.http().get('/api/tofui/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'ok',
      storage: 'ok',
      cache: 'ok',
      backend: 'ok',
    });
  });

  it.each([
    ['post', '/api/tofui/v1/reports'],
    ['get', '/api/tofui/v1/reports'],
    ['get', '/api/tofui/v1/reports/4b1d7a7c-6a57-4a32-9d52-21a0b8d4b1f1'],
    ['put', '/api/tofui/v1/reports/4b1d7a7c-6a57-4a32-9d52-21a0b8d4b1f1'],
    ['delete', '/api/tofui/v1/reports/4b1d7a7c-6a57-4a32-9d52-21a0b8d4b1f1'],
    ['get', '/api/tofui/v1/repositories'],
    ['post', '/api/tofui/v1/repositories'],
    ['get', '/api/tofui/v1/repositories/4b1d7a7c-6a57-4a32-9d52-21a0b8d4b1f1'],
    ['get', '/api/tofui/v1/folders'],
    ['get', '/api/tofui/v1/summary'],
    ['get', '/api/tofui/v1/insights'],
    ['get', '/api/tofui/v1/status-types'],
    ['put', '/api/tofui/v1/status-types/checkov'],
    ['get', '/api/tofui/v1/audit'],
  ] as const)(
    'refuses %s %s without credentials and writes nothing',
    async (method, url) => {
      const before = await countRows(knex);
      const res = await api.http()[method](url).send(ORIGINAL_REPORT);
      expect(res.status).toBe(401);
      expect(await countRows(knex)).toEqual(before);
    },
  );

  describe('reports', () => {
    beforeEach(() => clearTables(knex, { keepStatusTypes: true }));

    it('accepts the original report JSON unchanged, then updates the same build', async () => {
      const created = await publish(ORIGINAL_REPORT);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        repository: 'acme/infrastructure',
        folder: 'aws_us_east_2',
        reportType: 'build',
        buildName: 'deploy-123',
        displayName: 'Production Deploy #123',
        statuses: ORIGINAL_REPORT.statuses,
        overallStatus: 'passing',
        createdAt: '2024-01-15T10:30:00.000Z',
      });

      const again = await publish({
        ...ORIGINAL_REPORT,
        statuses: { terraform_plan: 1 },
      });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(created.body.id);
      expect(again.body.overallStatus).toBe('failing');
      expect(again.body.receivedAt).toBe(created.body.receivedAt);
    });

    it('stores the richer fields', async () => {
      const res = await publish({
        source_repo: 'acme/net',
        folder: '_root',
        report_type: 'test',
        build_name: 'pr-9-plan',
        build_url: 'https://github.com/acme/net/actions/runs/9',
        statuses: { terraform_plan: 2 },
        commit_sha: 'ABCDEF1234567',
        branch: 'feature/x',
        pull_request: 9,
        ci_provider: 'github-actions',
        actor: 'octocat',
        tool_name: 'opentofu',
        tool_version: '1.8.2',
        summary: {
          add: 2,
          change: 1,
          destroy: 0,
          replace: 1,
          import: 0,
          drift: 3,
          output_changes: 1,
          errored: false,
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        reportType: 'test',
        buildUrl: 'https://github.com/acme/net/actions/runs/9',
        metadata: {
          commitSha: 'abcdef1234567',
          branch: 'feature/x',
          pullRequest: 9,
          ciProvider: 'github-actions',
          actor: 'octocat',
          toolName: 'opentofu',
          toolVersion: '1.8.2',
        },
        summary: {
          add: 2,
          change: 1,
          destroy: 0,
          replace: 1,
          import: 0,
          drift: 3,
          outputChanges: 1,
          errored: false,
        },
      });
      // a missing timestamp is the time the report was received
      expect(
        Math.abs(Date.parse(res.body.createdAt) - Date.now()),
      ).toBeLessThan(60_000);
    });

    it('keeps one row and answers 2xx when the same build is published 20 times at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          publish({ ...ORIGINAL_REPORT, statuses: { terraform_plan: i % 3 } }),
        ),
      );
      const statuses = results.map(r => r.status);
      expect(statuses.filter(s => s === 201)).toHaveLength(1);
      expect(statuses.filter(s => s === 200)).toHaveLength(19);
      expect(new Set(results.map(r => r.body.id)).size).toBe(1);
      expect((await countRows(knex)).reports).toBe(1);
    });

    it('gets, replaces and deletes a report by id', async () => {
      const { body: report } = await publish(ORIGINAL_REPORT);
      const url = `/api/tofui/v1/reports/${report.id}`;

      expect((await api.asUser(api.http().get(url))).body).toEqual(report);

      const put = await api.asUser(api.http().put(url)).send({
        statuses: { tfsec: 1 },
        display_name: 'Renamed',
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        id: report.id,
        buildName: 'deploy-123',
        displayName: 'Renamed',
        statuses: { tfsec: 1 },
        overallStatus: 'failing',
        createdAt: report.createdAt,
      });
      // fields left out of a PUT are cleared
      expect(put.body.htmlUrl).toBeUndefined();

      expect((await api.asUser(api.http().delete(url))).status).toBe(204);
      expect((await api.asUser(api.http().get(url))).status).toBe(404);
      expect((await api.asUser(api.http().delete(url))).status).toBe(404);
      expect(
        (await api.asUser(api.http().put(url)).send({ statuses: {} })).status,
      ).toBe(404);
      const summary = await api.asUser(api.http().get('/api/tofui/v1/summary'));
      expect(summary.body.items[0]).toEqual({
        repository: 'acme/infrastructure',
        folder: 'aws_us_east_2',
        overallStatus: 'unknown',
      });
    });

    it('lists with filters and cursor pages; the original one-folder view works', async () => {
      for (let i = 1; i <= 9; i++) {
        await publish({
          ...ORIGINAL_REPORT,
          build_name: `deploy-${i}`,
          timestamp: `2026-01-0${i}T10:00:00Z`,
          statuses: {
            terraform_plan: i === 5 ? 1 : 0,
            terraform_apply: i % 2 ? 2 : 0,
          },
        });
      }
      await publish({
        ...ORIGINAL_REPORT,
        report_type: 'test',
        build_name: 'pr-1',
        timestamp: '2026-01-10T00:00:00Z',
      });
      const get = (query: Record<string, string | number>) =>
        api.asUser(api.http().get('/api/tofui/v1/reports').query(query));

      const view = await get({
        repository: 'acme/infrastructure',
        folder: 'aws_us_east_2',
        type: 'build',
        limit: 7,
      });
      expect(view.status).toBe(200);
      expect(
        view.body.items.map((r: { buildName: string }) => r.buildName),
      ).toEqual([
        'deploy-9',
        'deploy-8',
        'deploy-7',
        'deploy-6',
        'deploy-5',
        'deploy-4',
        'deploy-3',
      ]);
      const rest = await get({
        repository: 'acme/infrastructure',
        type: 'build',
        limit: 7,
        cursor: view.body.nextCursor,
      });
      expect(
        rest.body.items.map((r: { buildName: string }) => r.buildName),
      ).toEqual(['deploy-2', 'deploy-1']);
      expect(rest.body.nextCursor).toBeUndefined();

      expect(
        (await get({ status: 'failing' })).body.items.map(
          (r: { buildName: string }) => r.buildName,
        ),
      ).toEqual(['deploy-5']);
      expect(
        (await get({ statusCode: 'terraform_apply:2', type: 'build' })).body
          .items,
      ).toHaveLength(5);
      expect(
        (
          await get({
            from: '2026-01-03T00:00:00Z',
            to: '2026-01-05T00:00:00Z',
          })
        ).body.items.map((r: { buildName: string }) => r.buildName),
      ).toEqual(['deploy-4', 'deploy-3']);
      expect(
        (await get({ q: 'PR-' })).body.items.map(
          (r: { buildName: string }) => r.buildName,
        ),
      ).toEqual(['pr-1']);

      // what a person types with curl: / and : unencoded
      const raw = await api.asUser(
        api
          .http()
          .get(
            '/api/tofui/v1/reports?repository=acme/infrastructure&from=2026-01-09T00:00:00Z&type=build',
          ),
      );
      expect(raw.status).toBe(200);
      expect(
        raw.body.items.map((r: { buildName: string }) => r.buildName),
      ).toEqual(['deploy-9']);
    });
  });

  describe('repositories and folders', () => {
    beforeEach(() => clearTables(knex, { keepStatusTypes: true }));

    it('registers, updates and reads repositories with their folders', async () => {
      const created = await api
        .asUser(api.http().post('/api/tofui/v1/repositories'))
        .send({
          repository: 'acme/networking',
          display_name: '🌐 Networking',
          folders: ['_root', 'edge'],
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        repository: 'acme/networking',
        displayName: '🌐 Networking',
        folderCount: 2,
        folders: [
          { name: '_root', overallStatus: 'unknown' },
          { name: 'edge', overallStatus: 'unknown' },
        ],
      });
      const updated = await api
        .asUser(api.http().post('/api/tofui/v1/repositories'))
        .send({
          repository: 'ACME/networking',
          entity_ref: 'Component:networking',
        });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        id: created.body.id,
        entityRef: 'component:default/networking',
        folderCount: 2,
      });

      await publish({
        ...ORIGINAL_REPORT,
        source_repo: 'acme/networking',
        folder: 'edge',
      });
      const one = await api.asUser(
        api.http().get(`/api/tofui/v1/repositories/${created.body.id}`),
      );
      expect(one.body.folders).toEqual([
        expect.objectContaining({ name: '_root', overallStatus: 'unknown' }),
        expect.objectContaining({
          name: 'edge',
          overallStatus: 'passing',
          latestBuildReportId: expect.any(String),
        }),
      ]);
      const list = await api.asUser(
        api
          .http()
          .get('/api/tofui/v1/repositories')
          .query({ entity: 'component:default/networking' }),
      );
      expect(
        list.body.items.map((r: { repository: string }) => r.repository),
      ).toEqual(['acme/networking']);
      const folders = await api.asUser(
        api
          .http()
          .get('/api/tofui/v1/folders')
          .query({ repository: 'acme/networking', status: 'passing' }),
      );
      expect(folders.body.items.map((f: { name: string }) => f.name)).toEqual([
        'edge',
      ]);
      expect(
        (
          await api.asUser(
            api
              .http()
              .get(
                '/api/tofui/v1/repositories/4b1d7a7c-6a57-4a32-9d52-21a0b8d4b1f1',
              ),
          )
        ).status,
      ).toBe(404);
    });

    it('filters the summary by repository, entity and verdict, with counts', async () => {
      await api.asUser(api.http().post('/api/tofui/v1/repositories')).send({
        repository: 'acme/net',
        entity_ref: 'component:default/networking',
      });
      await publish({
        ...ORIGINAL_REPORT,
        source_repo: 'acme/net',
        folder: 'core',
        statuses: { tfsec: 1 },
      });
      await publish({ ...ORIGINAL_REPORT, folder: 'a' });
      await publish({
        ...ORIGINAL_REPORT,
        folder: 'b',
        report_type: 'test',
        statuses: { checkov: 0 },
      });
      const summary = (query: Record<string, string> = {}) =>
        api.asUser(api.http().get('/api/tofui/v1/summary').query(query));

      const all = await summary();
      expect(
        all.body.items.map(
          (s: { folder: string; overallStatus: string }) =>
            `${s.folder}:${s.overallStatus}`,
        ),
      ).toEqual(['core:failing', 'b:unknown', 'a:passing']);
      expect(all.body.counts).toEqual({
        failing: 1,
        unknown: 1,
        passing: 1,
        total: 3,
      });
      expect((await summary({ entity: 'networking' })).body.items).toHaveLength(
        1,
      );
      expect(
        (await summary({ status: 'passing' })).body.items.map(
          (s: { folder: string }) => s.folder,
        ),
      ).toEqual(['a']);
      expect(
        (await summary({ repository: 'acme/infrastructure' })).body.counts
          .total,
      ).toBe(2);
    });
    it('filters the summary by owner through the catalog, folder globs included', async () => {
      await publish({
        ...ORIGINAL_REPORT,
        source_repo: 'acme/net',
        folder: 'core',
      });
      for (const folder of ['a', 'b1', 'b2', 'x', 'z']) {
        await publish({ ...ORIGINAL_REPORT, folder });
      }
      await publish({
        ...ORIGINAL_REPORT,
        source_repo: 'acme/other',
        folder: 'b1',
      });
      const folders = async (query: Record<string, string>) => {
        const res = await api.asUser(
          api
            .http()
            .get('/api/tofui/v1/summary')
            .query({ sort: 'name', ...query }),
        );
        expect(res.status).toBe(200);
        return res.body.items.map(
          (s: { repository: string; folder: string }) =>
            `${s.repository}:${s.folder}`,
        );
      };
      expect(await folders({ owner: 'network' })).toEqual([
        'acme/infrastructure:b1',
        'acme/infrastructure:b2',
        'acme/infrastructure:x',
        'acme/net:core',
      ]);
      expect(
        await folders({ owner: 'group:default/network', q: 'b2' }),
      ).toEqual(['acme/infrastructure:b2']);
      // Owns an entity whose repository has no reports: nothing, not everything.
      expect(await folders({ owner: 'billing' })).toEqual([]);
      expect(await folders({ owner: 'nobody' })).toEqual([]);
      const bad = await api.asUser(
        api.http().get('/api/tofui/v1/summary').query({ owner: 'a:b:c/d' }),
      );
      expect(bad.status).toBe(400);
    });

    it('answers insights from aggregates, scoped like the summary', async () => {
      const today = new Date().toISOString();
      await publish({ ...ORIGINAL_REPORT, folder: 'a', timestamp: today });
      await publish({
        ...ORIGINAL_REPORT,
        folder: 'b1',
        build_name: 'b-1',
        statuses: { tfsec: 1 },
        timestamp: today,
      });
      await publish({
        ...ORIGINAL_REPORT,
        source_repo: 'acme/net',
        folder: 'core',
        timestamp: today,
      });
      const res = await api.asUser(
        api.http().get('/api/tofui/v1/insights').query({ days: 7 }),
      );
      expect(res.status).toBe(200);
      expect(res.body.days).toHaveLength(7);
      expect(res.body.days[6]).toMatchObject({
        day: today.slice(0, 10),
        build: 3,
        failing: 1,
        passing: 2,
      });
      expect(res.body.totals).toMatchObject({
        reports: 3,
        activeRepositories: 2,
        activeFolders: 3,
        failingFolders: 1,
      });
      expect(res.body.folders).toEqual([
        {
          repository: 'acme/infrastructure',
          folder: 'b1',
          failing: 1,
          reports: 1,
          overallStatus: 'failing',
        },
      ]);
      const owned = await api.asUser(
        api
          .http()
          .get('/api/tofui/v1/insights')
          .query({ owner: 'network', days: 1 }),
      );
      expect(owned.body.totals).toMatchObject({ reports: 2, activeFolders: 2 });
      expect(
        (
          await api.asUser(
            api.http().get('/api/tofui/v1/insights').query({ days: 0 }),
          )
        ).status,
      ).toBe(400);
    });
  });

  describe('status types', () => {
    beforeEach(async () => {
      await clearTables(knex, { keepStatusTypes: true });
      await knex('status_types').where({ type_key: 'checkov' }).delete();
    });

    it('creates a status type and recomputes stored verdicts when it changes', async () => {
      await publish({ ...ORIGINAL_REPORT, statuses: { checkov: 3 } });
      const summary = async () =>
        (await api.asUser(api.http().get('/api/tofui/v1/summary'))).body
          .items[0].overallStatus;
      expect(await summary()).toBe('unknown');

      const mapping = {
        label: 'Secrets found',
        emoji: '🔑',
        color: '#cf222e',
        status: 'failing',
      };
      const put = await api
        .asUser(api.http().put('/api/tofui/v1/status-types/checkov'))
        .send({ name: 'Checkov', mappings: { '3': mapping } });
      expect(put.status).toBe(201);
      expect(put.body).toEqual({
        key: 'checkov',
        name: 'Checkov',
        mappings: { '3': mapping },
        source: 'api',
      });

      // the background job re-derives the verdict; the dashboard follows
      for (let i = 0; i < 50 && (await summary()) !== 'failing'; i++) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect(await summary()).toBe('failing');

      const replaced = await api
        .asUser(api.http().put('/api/tofui/v1/status-types/checkov'))
        .send({
          name: 'Checkov',
          mappings: { '3': { ...mapping, status: 'passing' } },
        });
      expect(replaced.status).toBe(200);
      for (let i = 0; i < 50 && (await summary()) !== 'passing'; i++) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect(await summary()).toBe('passing');

      const list = await api.asUser(
        api.http().get('/api/tofui/v1/status-types'),
      );
      expect(list.body.items.map((t: { key: string }) => t.key)).toContain(
        'checkov',
      );
    });
  });

  describe('audit', () => {
    beforeEach(() => clearTables(knex, { keepStatusTypes: true }));

    it('records who did what, for users to read', async () => {
      const { body: report } = await publish(ORIGINAL_REPORT);
      await api.asUser(api.http().delete(`/api/tofui/v1/reports/${report.id}`));
      const res = await api.asUser(
        api.http().get('/api/tofui/v1/audit').query({ entityType: 'report' }),
      );
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          entityId: report.id,
          action: 'delete',
          actor: mockCredentials.user().principal.userEntityRef,
          before: report,
        }),
        expect.objectContaining({
          entityId: report.id,
          action: 'create',
          actor: `service:${mockCredentials.service().principal.subject}`,
          after: report,
        }),
      ]);
      expect(
        (await api.asService(api.http().get('/api/tofui/v1/audit'))).status,
      ).toBe(403);
    });
  });
});

describe.each(databases.eachSupportedId())(
  'status types from config on %s',
  id => {
    it('override the defaults, and an API edit outlives a restart', async () => {
      const knex = await databases.init(id);
      const statusTypes = {
        tfsec: {
          name: 'tfsec (strict)',
          mappings: [
            {
              code: 0,
              label: 'Clean',
              emoji: '✅',
              color: '#1a7f37',
              status: 'passing',
            },
          ],
        },
        checkov: {
          name: 'Checkov',
          mappings: [
            {
              code: 1,
              label: 'Failed',
              emoji: '❌',
              color: '#cf222e',
              status: 'failing',
            },
          ],
        },
      };
      let api = await startTofuiBackend(knex, { statusTypes });
      const list = async () =>
        (await api.asUser(api.http().get('/api/tofui/v1/status-types'))).body
          .items as Array<{
          key: string;
          name: string;
          source: string;
        }>;
      const types = await list();
      expect(types.map(t => [t.key, t.name, t.source])).toEqual([
        ['terraform_plan', 'Terraform Plan', 'default'],
        ['terraform_apply', 'Terraform Apply', 'default'],
        ['tfsec', 'tfsec (strict)', 'config'],
        ['tflint', 'TFLint', 'default'],
        ['codebuild', 'CodeBuild', 'default'],
        ['checkov', 'Checkov', 'config'],
      ]);

      await api
        .asUser(api.http().put('/api/tofui/v1/status-types/checkov'))
        .send({ name: 'Checkov (admin)', mappings: {} });
      await api.stop();
      api = await startTofuiBackend(knex, { statusTypes });
      expect((await list()).find(t => t.key === 'checkov')).toMatchObject({
        name: 'Checkov (admin)',
        source: 'api',
      });
      await api.stop();
    });

    it('fail start-up naming the config key when malformed', async () => {
      const knex = await databases.init(id);
      await expect(
        startTofuiBackend(knex, {
          statusTypes: {
            checkov: {
              mappings: [
                { code: 1, label: 'x', color: 'red', status: 'failing' },
              ],
            },
          },
        }),
      ).rejects.toThrow(/tofui\.statusTypes\.checkov\.mappings\[0\]\.color/);
    });
  },
);

// Report files as the original dashboard wrote them, sent unchanged: the
// project's own, and the original's real ones when ../shared is there.
const REPO = path.resolve(__dirname, '../../../..');
const dashboardReports = [
  path.join(REPO, 'fixtures/original-tofui/static-dashboard/reports'),
  path.join(REPO, '../shared/fixtures/original-tofui/static-dashboard/reports'),
].filter((dir, i) => i === 0 || fs.existsSync(dir));
if (dashboardReports.length === 1) {
  // eslint-disable-next-line no-console
  console.info(
    'original dashboard report files: fixtures/ only (../shared, an optional extra source, is not here)',
  );
}
describe.each(dashboardReports)(
  'original dashboard report files in %s',
  dir => {
    it('are all accepted unchanged', async () => {
      const knex = await databases.init('SQLITE_3');
      const api = await startTofuiBackend(knex);
      const files = fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.json') && f !== 'index.json');
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const body = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
        const res = await api
          .asService(api.http().post('/api/tofui/v1/reports'))
          .send(body);
        expect([file, res.status]).toEqual([file, 201]);
      }
      await api.stop();
    });
  },
);
