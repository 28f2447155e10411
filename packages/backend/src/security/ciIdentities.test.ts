/*
 * CI identities with Backstage's real auth services: static tokens and
 * JWTs verified against a JWKS endpoint (as GitHub Actions and GitLab CI
 * issue them), restricted to the tofui plugin, and limited to repositories.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { startTofuiTestBackend } from '@tofui/backstage-plugin-tofui-backend/testUtils';
import {
  exportJWK,
  generateKeyPair,
  type JWK,
  type KeyLike,
  SignJWT,
} from 'jose';
import type { Knex } from 'knex';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import tofuiRbacPolicyModule from '@tofui/backstage-plugin-permission-backend-module-tofui';
import { ENTITIES, reportOf } from './__testUtils__/securityFixtures';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const ISSUER = 'https://token.actions.githubusercontent.com';
const AUDIENCE = 'tofui';
const TEAM_A_TOKEN = 'team-a-ci-token-0123456789abcdef';
const OPEN_TOKEN = 'open-ci-token-0123456789abcdef';
const CI_PERMISSIONS = [
  'tofui.report.read',
  'tofui.report.create',
  'tofui.report.update',
];

/** A JWKS endpoint serving one key, as a CI provider's would. */
async function startJwksServer(jwk: JWK) {
  const server = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'ci', alg: 'RS256' }] }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('CI identities (static tokens and JWKS)', () => {
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startTofuiTestBackend>>;
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let key: KeyLike;
  let otherKey: KeyLike;

  const jwt = (
    claims: { sub: string; aud?: string; iss?: string; exp?: number },
    signWith: KeyLike = key,
  ) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'ci' })
      .setSubject(claims.sub)
      .setIssuer(claims.iss ?? ISSUER)
      .setAudience(claims.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(signWith);

  const publish = (token: string, key_: string, build = `run-${Date.now()}`) =>
    request(backend.server)
      .post('/api/tofui/v1/reports')
      .set('Authorization', `Bearer ${token}`)
      .send(reportOf(key_, build));

  const count = async () =>
    Number((await knex('reports').count({ n: '*' }))[0].n);

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    jwks = await startJwksServer(await exportJWK(pair.publicKey));
    const tofuiOnly = [{ plugin: 'tofui', permission: CI_PERMISSIONS }];
    backend = await startTofuiTestBackend({
      mockHttpAuth: false,
      features: [
        permissionBackend,
        tofuiRbacPolicyModule,
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
        catalogServiceMock.factory({ entities: ENTITIES }),
        // Each plugin its own database, as in a real backend (auth keeps
        // its keys in each plugin's database); tofUI's is the one counted.
        createServiceFactory({
          service: coreServices.database,
          deps: { plugin: coreServices.pluginMetadata },
          factory: async ({ plugin }) =>
            mockServices.database({
              knex:
                plugin.getId() === 'tofui'
                  ? knex
                  : await databases.init('SQLITE_3'),
            }),
        }),
      ],
      config: {
        permission: { enabled: true },
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: TEAM_A_TOKEN, subject: 'team-a-ci' },
                accessRestrictions: tofuiOnly,
              },
              {
                type: 'static',
                options: { token: OPEN_TOKEN, subject: 'open-ci' },
                accessRestrictions: tofuiOnly,
              },
              {
                type: 'jwks',
                options: {
                  url: jwks.url,
                  issuer: ISSUER,
                  audience: AUDIENCE,
                  subjectPrefix: 'github',
                },
                accessRestrictions: tofuiOnly,
              },
            ],
          },
        },
        tofui: {
          ci: {
            publishers: [
              { subject: 'team-a-ci', repositories: ['acme/infra'] },
            ],
          },
        },
      },
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await jwks?.close();
  });

  it('a static token limited to repository A publishes to A, not to B', async () => {
    expect((await publish(TEAM_A_TOKEN, 'acme/infra/aws_prod')).status).toBe(
      201,
    );
    const before = await count();
    const refused = await publish(TEAM_A_TOKEN, 'acme/platform/_root');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'This CI identity may not publish to acme/platform',
    );
    expect(await count()).toBe(before);
  });

  it('a multipart publish is limited the same way', async () => {
    const before = await count();
    const res = await request(backend.server)
      .post('/api/tofui/v1/reports')
      .set('Authorization', `Bearer ${TEAM_A_TOKEN}`)
      .field(
        'report',
        JSON.stringify({
          ...reportOf('acme/platform/_root'),
          artifacts: undefined,
        }),
      )
      .attach('log', Buffer.from('log\n'), 'plan.log');
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('a limited token reads only its repositories', async () => {
    await publish(OPEN_TOKEN, 'acme/platform/_root');
    const res = await request(backend.server)
      .get('/api/tofui/v1/summary')
      .set('Authorization', `Bearer ${TEAM_A_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.repository)).toEqual([
      'acme/infra',
    ]);
  });

  it('CI tokens may not delete, manage repositories or status types, or read the audit log', async () => {
    const id = (await publish(OPEN_TOKEN, 'acme/unmapped/x')).body.id;
    const before = await count();
    for (const [method, url, body] of [
      ['delete', `/api/tofui/v1/reports/${id}`, undefined],
      ['post', '/api/tofui/v1/repositories', { repository: 'acme/new' }],
      ['put', '/api/tofui/v1/status-types/tfsec', { name: 'x', mappings: {} }],
      ['get', '/api/tofui/v1/audit', undefined],
    ] as const) {
      const res = await (request(backend.server) as any)
        [method](url)
        .set('Authorization', `Bearer ${OPEN_TOKEN}`)
        .send(body);
      expect([method, url, res.status]).toEqual([method, url, 403]);
    }
    expect(await count()).toBe(before);
  });

  it('CI tokens are refused by other plugins', async () => {
    const res = await request(backend.server)
      .post('/api/permission/authorize')
      .set('Authorization', `Bearer ${OPEN_TOKEN}`)
      .send({ items: [] });
    expect([401, 403]).toContain(res.status);
  });

  it('a GitHub Actions OIDC token publishes only to the repository in its subject', async () => {
    const token = await jwt({ sub: 'repo:acme/infra:ref:refs/heads/main' });
    expect((await publish(token, 'acme/infra/aws_prod')).status).toBe(201);
    const before = await count();
    expect((await publish(token, 'acme/platform/_root')).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('a GitLab CI subject names its project the same way', async () => {
    const token = await jwt({
      sub: 'project_path:acme/platform:ref_type:branch:ref:main',
    });
    expect((await publish(token, 'acme/platform/_root')).status).toBe(201);
    expect((await publish(token, 'acme/infra/aws_prod')).status).toBe(403);
  });

  it.each([
    [
      'expired',
      () =>
        jwt({
          sub: 'repo:acme/infra:ref:x',
          exp: Math.floor(Date.now() / 1000) - 120,
        }),
    ],
    [
      'signed with another key',
      () => jwt({ sub: 'repo:acme/infra:ref:x' }, otherKey),
    ],
    [
      'for another audience',
      () => jwt({ sub: 'repo:acme/infra:ref:x', aud: 'someone-else' }),
    ],
    [
      'from another issuer',
      () => jwt({ sub: 'repo:acme/infra:ref:x', iss: 'https://evil.example' }),
    ],
    ['garbage', async () => 'not-a-token'],
  ])('a JWT %s gets 401 and writes nothing', async (_what, make) => {
    const before = await count();
    const res = await publish(await make(), 'acme/infra/aws_prod');
    expect(res.status).toBe(401);
    expect(await count()).toBe(before);
  });
});
