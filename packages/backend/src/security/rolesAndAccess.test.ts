/*
 * The security matrix with the real pieces: the tofUI plugin, the permission
 * backend with our RBAC policy module, the permissions client, a catalog of
 * annotated entities, and a database. Only identities are mocked (tokens
 * name the user; user info adds their groups).
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import tofuiRbacPolicyModule from '@tofui/backstage-plugin-permission-backend-module-tofui';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  ENTITIES,
  FOLDERS,
  type FolderKey,
  publishToEveryFolder,
  RBAC,
  reportOf,
  type SecurityBackend,
  snapshot,
  specRoutes,
  startSecurityBackend,
  waitForMapping,
} from './__testUtils__/securityFixtures';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const ADA = 'user:default/ada'; // admin
const DEV = 'user:default/dev'; // developer in team-net
const VIC = 'user:default/vic'; // viewer in team-platform
const OLLY = 'user:default/olly'; // viewer, no team

function startBackend(knex: Knex, readScope: string) {
  return startSecurityBackend({
    features: [
      tofuiRbacPolicyModule,
      catalogServiceMock.factory({ entities: ENTITIES }),
      mockServices.database.factory({ knex }),
    ],
    config: { tofui: { rbac: { ...RBAC, readScope } } },
  });
}

type Api = SecurityBackend;

/** A valid body for each write the matrix tries. */
function bodyFor(route: string): object | undefined {
  if (route === '/v1/reports') {
    return reportOf('acme/platform/_root', 'viewer-run');
  }
  if (route === '/v1/repositories') return { repository: 'acme/new' };
  if (route.startsWith('/v1/status-types')) {
    return { name: 'tfsec', mappings: {} };
  }
  if (route.startsWith('/v1/reports/')) {
    return { statuses: { terraform_plan: 1 } };
  }
  return undefined;
}

describe('tofUI security matrix (roles, report access, identities)', () => {
  let knex: Knex;
  let api: Api;
  let ids: Record<FolderKey, string>;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    api = await startBackend(knex, 'owned');
    await waitForMapping(knex);
    ids = await publishToEveryFolder(api, ADA);
  });
  afterAll(() => api?.stop());

  describe('without credentials', () => {
    const routes = specRoutes();

    it('the spec lists the routes this matrix covers', () => {
      expect(routes.length).toBeGreaterThanOrEqual(18);
    });

    it.each(routes)(
      '%s %s answers 401, except health',
      async (method, route) => {
        const before = await snapshot(knex);
        const url = `/api/tofui${route
          .replace(':id', ids['acme/infra/aws_prod'])
          .replace(':key', 'tfsec')}`;
        const res = await (api.http() as any)
          [method](url)
          .send(method === 'get' || method === 'delete' ? undefined : {});
        // Readiness and liveness are for the orchestrator, not people.
        expect(res.status).toBe(route.startsWith('/v1/health') ? 200 : 401);
        expect(await snapshot(knex)).toEqual(before);
      },
    );
  });

  /** What each user may read: folders through every listing and by id. */
  const VISIBLE: Array<[string, string, FolderKey[]]> = [
    ['an admin', ADA, [...FOLDERS]],
    ['a developer of team-net', DEV, ['acme/infra/aws_prod']],
    ['a viewer of team-platform', VIC, ['acme/platform/_root']],
    ['a viewer of no team', OLLY, []],
  ];

  describe.each(VISIBLE)('%s', (_who, user, visible) => {
    const folderKey = (r: { repository: string; folder: string }) =>
      `${r.repository}/${r.folder}`;

    it('lists only the reports, folders and repositories it may read', async () => {
      const get = async (url: string) => {
        const res = await api.as(user, api.http().get(`/api/tofui${url}`));
        expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
        return res.body;
      };
      expect((await get('/v1/reports')).items.map(folderKey).sort()).toEqual(
        [...visible].sort(),
      );
      expect((await get('/v1/summary')).items.map(folderKey).sort()).toEqual(
        [...visible].sort(),
      );
      expect(
        (await get('/v1/summary?q=prod')).items.map(folderKey).sort(),
      ).toEqual(visible.filter(v => v.includes('prod')).sort());
      expect(
        (await get('/v1/folders')).items
          .map((f: any) => `${f.repository}/${f.name}`)
          .sort(),
      ).toEqual([...visible].sort());
      expect((await get('/v1/insights')).totals.reports).toBe(visible.length);
      const repositories = (await get('/v1/repositories')).items.map(
        (r: any) => r.repository,
      );
      expect(repositories.sort()).toEqual(
        [
          ...new Set(visible.map(v => v.split('/').slice(0, 2).join('/'))),
        ].sort(),
      );
    });

    it.each(FOLDERS)(
      'reads %s by id and its artifacts only if allowed',
      async key => {
        for (const suffix of ['', '/html', '/plan', '/log']) {
          const res = await api.as(
            user,
            api.http().get(`/api/tofui/v1/reports/${ids[key]}${suffix}`),
          );
          expect([suffix, res.status]).toEqual([
            suffix,
            visible.includes(key) ? 200 : 404,
          ]);
        }
      },
    );
  });

  describe('writes by role', () => {
    it.each([
      ['a viewer', VIC, 'post', '/v1/reports', 403],
      ['a viewer', VIC, 'put', '/v1/reports/:platform', 403],
      ['a viewer', VIC, 'delete', '/v1/reports/:platform', 403],
      ['a viewer', VIC, 'post', '/v1/repositories', 403],
      ['a viewer', VIC, 'put', '/v1/status-types/tfsec', 403],
      ['a viewer', VIC, 'get', '/v1/audit', 403],
      ['a developer', DEV, 'delete', '/v1/reports/:infra', 403],
      ['a developer', DEV, 'post', '/v1/repositories', 403],
      ['a developer', DEV, 'put', '/v1/status-types/tfsec', 403],
      ['a developer', DEV, 'get', '/v1/audit', 403],
      // A report the developer cannot read is one it cannot change.
      ['a developer', DEV, 'put', '/v1/reports/:platform', 404],
      ['a developer', DEV, 'delete', '/v1/reports/:platform', 403],
    ] as const)(
      '%s: %s %s answers %s and writes nothing',
      async (_who, user, method, route, status) => {
        const before = await snapshot(knex);
        const url = `/api/tofui${route
          .replace(':platform', ids['acme/platform/_root'])
          .replace(':infra', ids['acme/infra/aws_prod'])}`;
        const body = bodyFor(route);
        const res = await (
          api.as(user, (api.http() as any)[method](url)) as request.Test
        ).send(body);
        expect(res.status).toBe(status);
        expect(await snapshot(knex)).toEqual(before);
      },
    );

    it('a developer publishes and updates; the audit log names them', async () => {
      const published = await api
        .as(DEV, api.http().post('/api/tofui/v1/reports'))
        .send(reportOf('acme/infra/aws_prod', 'dev-run'));
      expect(published.status).toBe(201);
      const updated = await api
        .as(DEV, api.http().put(`/api/tofui/v1/reports/${published.body.id}`))
        .send({ statuses: { terraform_plan: 1 } });
      expect(updated.status).toBe(200);
      const audit = await api.as(
        ADA,
        api.http().get(`/api/tofui/v1/audit?entityId=${published.body.id}`),
      );
      expect(
        audit.body.items.map((e: any) => [e.action, e.actor]).sort(),
      ).toEqual([
        ['create', DEV],
        ['update', DEV],
      ]);
    });

    it('an admin deletes, manages repositories and status types, reads the audit log', async () => {
      const extra = await api
        .as(ADA, api.http().post('/api/tofui/v1/reports'))
        .send(reportOf('acme/unmapped/x', 'to-delete'));
      expect(
        (
          await api.as(
            ADA,
            api.http().delete(`/api/tofui/v1/reports/${extra.body.id}`),
          )
        ).status,
      ).toBe(204);
      expect(
        (
          await api
            .as(ADA, api.http().post('/api/tofui/v1/repositories'))
            .send({ repository: 'acme/registered' })
        ).status,
      ).toBe(201);
      expect(
        (await api.as(ADA, api.http().get('/api/tofui/v1/audit'))).status,
      ).toBe(200);
    });
  });
});

describe('the default read scope (catalog)', () => {
  let knex: Knex;
  let api: Api;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    api = await startBackend(knex, 'catalog');
    await waitForMapping(knex);
    await publishToEveryFolder(api, ADA, 'catalog-run');
  });
  afterAll(() => api?.stop());

  it.each([
    [
      'a viewer reads what the catalog maps',
      OLLY,
      ['acme/infra/aws_prod', 'acme/platform/_root'],
    ],
    ['an admin also sees repositories no entity maps', ADA, [...FOLDERS]],
  ])('%s', async (_what, user, expected) => {
    const res = await api.as(user, api.http().get('/api/tofui/v1/summary'));
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((r: any) => `${r.repository}/${r.folder}`).sort(),
    ).toEqual([...expected].sort());
  });
});
