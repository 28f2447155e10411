/*
 * The community RBAC example of docs/install.md with the real pieces: the
 * RBAC plugin (@backstage-community/plugin-rbac-backend, a module of the
 * permission backend) configured from the files next to this test — roles
 * and grants in rbac-policies.csv, the conditional policy of the docs in
 * conditional-policies.yaml — tofUI's backend plugin, the permissions
 * service and a database (SQLite, and Postgres when configured).
 *
 * The catalog is the real catalog backend, fed by an entity provider: the
 * RBAC plugin resolves a user's groups (and so roles) through the catalog's
 * API or its database, which a mocked catalog service does not have. tofUI
 * maps the annotated entities from the same catalog. Only identities are
 * mocked: tokens name the user, user info adds the user's groups.
 *
 * Versions (root package.json resolutions): plugin-rbac-backend 8.1.3 is
 * the release line for this Backstage release (a permission-backend module;
 * 5.x and 6.x need the permission backend's createRouter, removed in its
 * 0.7.0). It asks for plugin-rbac-common and -node ^2.1.1, which the
 * registry this repository installs from does not serve: rbac-node is
 * pinned to 1.12.0 (the same two extension points) and rbac-common to
 * 1.18.0 with .yarn/patches backfilling the two helpers 8.x calls
 * (isPermissionInfo, permissionMappingAction). typeorm-adapter is pinned to
 * 1.9.0: 1.10 loads MongoDB support unconditionally and fails without it.
 * The RBAC plugin's config schema is patched to not require
 * `permission.rbac`: config:check collects the schemas of every workspace
 * package and its dependencies, and the host app does not run this plugin.
 */
import {
  type BackendFeature,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import type { TestDatabaseId } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import type { JsonObject } from '@backstage/types';
import rbacModule from '@backstage-community/plugin-rbac-backend';
import tofuiCatalogModule from '@tofui/backstage-plugin-catalog-backend-module-tofui';
// The plugin's rule for test databases: SQLite, and Postgres of whichever
// major make test found (required with CI=true).
import { createTofuiTestDatabases as createTestDatabases } from '@tofui/backstage-plugin-tofui-backend/testUtils';
import type { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ENTITIES,
  type FolderKey,
  PEOPLE,
  publishToEveryFolder,
  type SecurityBackend,
  startSecurityBackend,
  waitForMapping,
} from '../../__testUtils__/securityFixtures';
import { describeTeamVisibility } from '../../__testUtils__/teamVisibility';

jest.setTimeout(180_000);

const ADA = 'user:default/ada'; // the RBAC plugin's admin

const databases = createTestDatabases();

/** The catalog's entities: the annotated components, users and groups. */
const catalogEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'policy-example-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'policy-example-entities',
          connect: connection =>
            connection.applyMutation({
              type: 'full',
              entities: [...ENTITIES, ...PEOPLE].map(
                ({ relations: _computedByTheCatalog, ...entity }: Entity) => ({
                  locationKey: 'policy-example-entities',
                  entity: {
                    ...entity,
                    metadata: {
                      ...entity.metadata,
                      annotations: {
                        ...entity.metadata.annotations,
                        'backstage.io/managed-by-location':
                          'test:policy-examples',
                        'backstage.io/managed-by-origin-location':
                          'test:policy-examples',
                      },
                    },
                  },
                }),
              ),
            }),
        });
      },
    });
  },
});

/** The tofUI plugin's database client, to prove that refusals write nothing. */
function tofuiDatabaseHandle(): [BackendFeature, Promise<Knex>] {
  let resolve: (knex: Knex) => void;
  const knex = new Promise<Knex>(r => (resolve = r));
  const feature = createBackendModule({
    pluginId: 'tofui',
    moduleId: 'test-database-handle',
    register(reg) {
      reg.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          resolve(await database.getClient());
        },
      });
    },
  });
  return [feature, knex];
}

/**
 * `backend.database` for every plugin: the RBAC plugin reads it itself
 * rather than through the database service. Postgres: one test database,
 * a schema per plugin.
 */
async function databaseConfig(
  databaseId: TestDatabaseId,
  sqliteDirectory: string,
): Promise<JsonObject> {
  if (databaseId === 'SQLITE_3') {
    return {
      client: 'better-sqlite3',
      connection: { directory: sqliteDirectory },
    };
  }
  const knex = await databases.init(databaseId);
  const { host, port, user, password, database } = knex.client.config
    .connection as Record<string, string | undefined>;
  return {
    client: 'pg',
    pluginDivisionMode: 'schema',
    connection: {
      host: host!,
      port: Number(port ?? 5432),
      user: user!,
      database: database!,
      ...(password ? { password } : {}),
    },
  };
}

describe.each(databases.eachSupportedId())(
  'the community RBAC plugin with tofUI, configured from files, on %s',
  databaseId => {
    const sqliteDirectory = fs.mkdtempSync(
      path.join(os.tmpdir(), 'tofui-rbac-'),
    );
    let knex: Knex;
    let api: SecurityBackend;
    let ids: Record<FolderKey, string>;

    beforeAll(async () => {
      const [tofuiDatabase, tofuiKnex] = tofuiDatabaseHandle();
      api = await startSecurityBackend({
        features: [
          rbacModule,
          catalogPlugin,
          catalogEntities,
          // Announces the annotated entities, so tofUI maps them as soon as
          // the catalog has processed them: one event bus for all plugins.
          tofuiCatalogModule,
          eventsServiceFactory,
          databaseServiceFactory,
          tofuiDatabase,
        ],
        config: {
          events: { useEventBus: 'never' },
          backend: {
            database: await databaseConfig(databaseId, sqliteDirectory),
          },
          permission: {
            rbac: {
              'policies-csv-file': path.join(__dirname, 'rbac-policies.csv'),
              conditionalPoliciesFile: path.join(
                __dirname,
                'conditional-policies.yaml',
              ),
              pluginsWithPermission: ['tofui'],
              admin: { users: [{ name: ADA }] },
            },
          },
        },
      });
      knex = await tofuiKnex;
      await waitForMapping(knex, 60_000);
      // CI publishes to every folder; the RBAC policy decides who reads what.
      ids = await publishToEveryFolder(api, 'ci');
    });
    afterAll(async () => {
      await api?.stop();
      fs.rmSync(sqliteDirectory, { recursive: true, force: true });
    });

    describeTeamVisibility(() => ({ api, knex, ids }), 'forbidden');

    it("lists tofUI's permissions and its rules with their parameter schemas", async () => {
      const policies = await api.as(
        ADA,
        api.http().get('/api/permission/plugins/policies'),
      );
      expect(policies.status).toBe(200);
      const tofuiPolicies = policies.body.find(
        (p: { pluginId: string }) => p.pluginId === 'tofui',
      );
      expect(tofuiPolicies.policies).toContainEqual({
        name: 'tofui.report.read',
        policy: 'read',
        resourceType: 'tofui-report',
      });
      expect(tofuiPolicies.policies).toContainEqual({
        name: 'tofui.report.delete',
        policy: 'delete',
      });

      const rules = await api.as(
        ADA,
        api.http().get('/api/permission/plugins/condition-rules'),
      );
      expect(rules.status).toBe(200);
      const tofuiRules = rules.body.find(
        (r: { pluginId: string }) => r.pluginId === 'tofui',
      );
      expect(
        tofuiRules.rules.map((r: { name: string }) => r.name).sort(),
      ).toEqual([
        'IS_ENTITY',
        'IS_ENTITY_OWNER',
        'IS_IN_REPOSITORY',
        'IS_MAPPED',
      ]);
      const isEntityOwner = tofuiRules.rules.find(
        (r: { name: string }) => r.name === 'IS_ENTITY_OWNER',
      );
      expect(isEntityOwner).toMatchObject({
        resourceType: 'tofui-report',
        paramsSchema: {
          type: 'object',
          properties: {
            claims: { type: 'array', items: { type: 'string' } },
          },
          required: ['claims'],
        },
      });
    });

    it('holds the conditional policy of the file for the role', async () => {
      const res = await api.as(
        ADA,
        api.http().get('/api/permission/roles/conditions'),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          roleEntityRef: 'role:default/infra-team',
          pluginId: 'tofui',
          resourceType: 'tofui-report',
          permissionMapping: ['read'],
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'tofui-report',
            params: { claims: ['$ownerRefs'] },
          },
        }),
      ]);
    });
  },
);
