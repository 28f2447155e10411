import {
  type BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import permissionBackend from '@backstage/plugin-permission-backend';
import type { JsonObject } from '@backstage/types';
import { startTofuiTestBackend } from '@tofui/backstage-plugin-tofui-backend/testUtils';
import type { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';

/**
 * The catalog of the security tests: two entities map folders of two
 * repositories; a third repository has reports but no entity.
 */
export const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'network',
      namespace: 'default',
      annotations: {
        'tofui.io/repository': 'acme/infra',
        'tofui.io/folders': 'aws_*',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-net',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-net' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'platform',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'acme/platform' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-platform',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-platform' }],
  },
];

/** Where reports are published: `owner/name/folder`. */
export const FOLDERS = [
  'acme/infra/aws_prod', // network, team-net
  'acme/infra/gcp_prod', // in a mapped repository, but no entity covers it
  'acme/platform/_root', // platform, team-platform
  'acme/unmapped/x', // no entity at all
] as const;
export type FolderKey = (typeof FOLDERS)[number];

/** Users and the groups they belong to. */
export const GROUPS: Record<string, string[]> = {
  'user:default/ada': ['group:default/platform-admins'],
  'user:default/dev': ['group:default/developers', 'group:default/team-net'],
  'user:default/vic': ['group:default/team-platform'],
  'user:default/olly': [],
};

/**
 * The users and groups of {@link GROUPS} as catalog entities, for a real
 * catalog (the community RBAC plugin reads group membership from it).
 */
export const PEOPLE: Entity[] = [...new Set(Object.values(GROUPS).flat())].map(
  ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { type: 'team', children: [] },
  }),
);
PEOPLE.push(
  ...Object.entries(GROUPS).map(([ref, groups]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: groups },
  })),
);

/** tofui.rbac for these users. */
export const RBAC = {
  roles: {
    admin: ['group:default/platform-admins'],
    developer: ['group:default/developers'],
  },
  defaultRole: 'viewer',
};

/** User info with the groups above, as a sign-in resolver would issue. */
export const userInfoWithGroups = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const principal = credentials.principal as { userEntityRef?: string };
      const ref = principal.userEntityRef!;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
      };
    },
  }),
});

/**
 * The mock HTTP auth, except that a user acting through a plugin (an
 * on-behalf-of token, as the tofUI plugin sends to the permission backend)
 * carries that plugin as its actor, as real Backstage credentials do; the
 * permission backend requires it for conditional decisions.
 */
export const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    return {
      async credentials(req: any, options?: any) {
        const credentials = await inner.credentials(req, options);
        const token = String(req.headers.authorization ?? '');
        const obo = token.match(/^Bearer mock-service-token:(.*)$/)?.[1];
        if (obo && JSON.parse(obo).obo) {
          (credentials.principal as any).actor = {
            type: 'service',
            subject: 'plugin:tofui',
          };
        }
        return credentials;
      },
      issueUserCookie: (res: any, options?: any) =>
        inner.issueUserCookie(res, options),
    } as typeof inner;
  },
});

/** A plan with a change, so the plan artifact is a real (redacted) plan. */
export const PLAN = JSON.stringify({
  format_version: '1.2',
  resource_changes: [
    {
      address: 'null_resource.x',
      change: { actions: ['create'], before: null, after: {} },
    },
  ],
});

/** A report of one folder with all three artifacts, inline. */
export function reportOf(key: string, build = 'run-1') {
  const [owner, name, folder] = key.split('/');
  return {
    source_repo: `${owner}/${name}`,
    folder,
    build_name: build,
    report_type: 'test',
    statuses: { terraform_plan: 0 },
    timestamp: new Date().toISOString(),
    artifacts: {
      html: { content: `<!doctype html><p>${key}</p>` },
      plan: { content: PLAN },
      log: { content: `tofu plan for ${key}\n` },
    },
  };
}

/** Every operation of the OpenAPI spec, as [method, path with `:params`]. */
export function specRoutes(): Array<[string, string]> {
  const spec = YAML.parse(
    fs.readFileSync(
      path.join(
        path.dirname(
          require.resolve('@tofui/backstage-plugin-tofui-backend/package.json'),
        ),
        'src/schema/openapi.yaml',
      ),
      'utf8',
    ),
  );
  const routes: Array<[string, string]> = [];
  for (const [route, operations] of Object.entries<Record<string, unknown>>(
    spec.paths,
  )) {
    for (const method of Object.keys(operations)) {
      if (['get', 'post', 'put', 'delete', 'patch'].includes(method)) {
        routes.push([method, route.replace(/\{(\w+)\}/g, ':$1')]);
      }
    }
  }
  return routes;
}

/** Rows of every tofUI table, to prove that denied requests write nothing. */
export async function snapshot(knex: Knex) {
  const tables = [
    'reports',
    'folders',
    'repositories',
    'status_types',
    'audit_logs',
    'entity_mappings',
  ];
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) {
    rows[table] = await knex(table).select().orderBy(1);
  }
  return rows;
}

/** Waits until the catalog sync has mapped the annotated entities. */
export async function waitForMapping(knex: Knex, timeoutMs = 10_000) {
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    const rows = await knex('entity_mappings').count({ n: '*' });
    if (Number(rows[0].n) === ENTITIES.length) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the catalog sync did not map the entities');
}

/**
 * A backend with the real pieces the security tests share: the tofUI
 * plugin, the permission backend, the permissions service, and users whose
 * groups come from user info. `features` add the policy, the catalog and
 * the database; `config` is merged into the test configuration.
 */
export async function startSecurityBackend(options: {
  features: BackendFeature[];
  config?: { permission?: JsonObject; tofui?: JsonObject } & JsonObject;
}) {
  const { permission, tofui, ...config } = options.config ?? {};
  const started = await startTofuiTestBackend({
    mockHttpAuth: false,
    features: [
      permissionBackend,
      permissionsServiceFactory,
      userInfoWithGroups,
      httpAuthWithActors,
      ...options.features,
    ],
    config: {
      ...config,
      permission: { enabled: true, ...permission },
      tofui: {
        // No initial delay: the test scheduler runs it at start-up.
        catalogSync: {
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
        },
        ...tofui,
      },
    },
  });
  /** The request, as this user (an entity ref) or as CI (`'ci'`). */
  const as = (user: string | undefined, req: request.Test) => {
    if (user === 'ci') {
      return req.set('Authorization', mockCredentials.service.header());
    }
    return user
      ? req.set('Authorization', mockCredentials.user.header(user))
      : req;
  };
  return {
    backend: started.backend,
    http: () => request(started.server),
    as,
    stop: started.stop,
  };
}

/** A backend started by {@link startSecurityBackend}. */
export type SecurityBackend = Awaited<ReturnType<typeof startSecurityBackend>>;

/** Publishes a report to every folder of {@link FOLDERS} as `publisher`. */
export async function publishToEveryFolder(
  api: SecurityBackend,
  publisher: string,
  build = 'run-1',
): Promise<Record<FolderKey, string>> {
  const ids = {} as Record<FolderKey, string>;
  for (const key of FOLDERS) {
    const res = await api
      .as(publisher, api.http().post('/api/tofui/v1/reports'))
      .send(reportOf(key, build));
    if (res.status !== 201) throw new Error(`seeding ${key}: ${res.text}`);
    ids[key] = res.body.id;
  }
  return ids;
}
