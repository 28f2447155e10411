/*
 * Sign-in on the repository's config files: app-config.yaml (embedded
 * defaults, guest) and app-config.yaml + app-config.production.yaml (GitHub
 * and OIDC). The production sign-ins run against a fake GitHub Enterprise
 * and a fake OpenID Connect provider on localhost, through the real auth
 * backend and provider modules, down to the Backstage token.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader, type AppConfig } from '@backstage/config';
import { ConfigSources, loadConfigSchema } from '@backstage/config-loader';
import authPlugin from '@backstage/plugin-auth-backend';
import githubProvider from '@backstage/plugin-auth-backend-module-github-provider';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import oidcProvider from '@backstage/plugin-auth-backend-module-oidc-provider';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const EMBEDDED = ['app-config.yaml'];
const PRODUCTION = ['app-config.yaml', 'app-config.production.yaml'];

const APP_ORIGIN = 'https://tofui.example.com';
/** The environment of a production deployment. */
const env: Record<string, string> = {
  APP_BASE_URL: APP_ORIGIN,
  POSTGRES_HOST: 'postgres',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'tofui',
  POSTGRES_PASSWORD: 'postgres-password',
  REDIS_URL: 'redis://redis:6379',
  TOFUI_CI_TOKEN: 'ci-token',
  AUTH_SESSION_SECRET: 'session-secret',
  AUTH_GITHUB_CLIENT_ID: 'github-client',
  AUTH_GITHUB_CLIENT_SECRET: 'github-secret',
  // The fake provider's once it runs.
  AUTH_OIDC_METADATA_URL:
    'https://idp.example.com/.well-known/openid-configuration',
  AUTH_OIDC_CLIENT_ID: 'oidc-client',
  AUTH_OIDC_CLIENT_SECRET: 'oidc-secret',
};

/** The config files as the backend reads them, ${...} from `env`. */
async function readConfigs(files: string[]): Promise<AppConfig[]> {
  const source = ConfigSources.defaultForTargets({
    rootDir: repoRoot,
    targets: files.map(f => ({ type: 'path', target: path.join(repoRoot, f) })),
    substitutionFunc: async name => env[name],
  });
  for await (const { configs } of source.readConfigData()) {
    return configs;
  }
  throw new Error('no config');
}

async function readConfig(files: string[]) {
  return ConfigReader.fromConfigs(await readConfigs(files));
}

/** Catalog users and their groups; see the sign-in resolvers. */
function user(name: string, groups: string[], email?: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: email ? { email } : {}, memberOf: groups },
    relations: groups.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
}
const catalogUsers = [
  user('jane', ['developers'], 'jane.doe@example.com'),
  user('sam', ['platform-admins']),
];

/** The auth plugin and its modules, added as packages/backend/src/index.ts does. */
function authFeatures() {
  return [
    authPlugin,
    githubProvider,
    oidcProvider,
    createBackendFeatureLoader({
      deps: { config: coreServices.rootConfig },
      *loader({ config }) {
        if (config.has('auth.providers.guest')) {
          yield guestProvider;
        }
      },
    }),
  ];
}

async function startAuthBackend(files: string[], overrides: object = {}) {
  const configs = await readConfigs(files);
  const data = ConfigReader.fromConfigs([
    ...configs,
    {
      context: 'test',
      data: {
        // An in-memory database instead of Postgres.
        backend: {
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        ...overrides,
      },
    },
  ]).get<AppConfig['data']>();
  const backend = await startTestBackend({
    features: [
      ...authFeatures(),
      mockServices.rootConfig.factory({ data }),
      // The real auth service, which verifies the tokens the auth backend
      // issues (the mock one only knows mock tokens).
      authServiceFactory,
      catalogServiceMock.factory({ entities: catalogUsers }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return { backend, auth: `http://localhost:${port}/api/auth` };
}

/** A fake identity provider: GitHub Enterprise and OpenID Connect. */
async function startFakeIdentityProvider() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  const kid = 'test-key';
  const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');
  const sign = (claims: object) => {
    const input = `${b64url(
      JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }),
    )}.${b64url(JSON.stringify(claims))}`;
    const signature = crypto.sign('sha256', Buffer.from(input), privateKey);
    return `${input}.${b64url(signature)}`;
  };
  /** Authorization codes: the authorize request they were issued for. */
  const codes = new Map<string, URLSearchParams>();
  /** Access tokens: the user they were issued to. */
  type IdpUser = { login: string; email: string; emailVerified?: boolean };
  const tokens = new Map<string, IdpUser>();
  let nextUser: IdpUser = { login: 'jane', email: 'jane.doe@example.com' };

  let base = '';
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, base);
    let body = '';
    for await (const chunk of req) body += chunk;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const clientAuth = (req.headers.authorization ?? '').replace(/^Basic /, '');
    const form = new URLSearchParams(body);
    const bearer = (req.headers.authorization ?? '').replace(
      /^(Bearer|token) /i,
      '',
    );

    switch (url.pathname) {
      // OpenID Connect
      case '/.well-known/openid-configuration':
        return json(200, {
          issuer: base,
          authorization_endpoint: `${base}/authorize`,
          token_endpoint: `${base}/token`,
          userinfo_endpoint: `${base}/userinfo`,
          jwks_uri: `${base}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        });
      case '/jwks':
        return json(200, {
          keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig' }],
        });
      case '/token': {
        const request = codes.get(form.get('code') ?? '');
        const [id, secret] = Buffer.from(clientAuth, 'base64')
          .toString()
          .split(':');
        const verifier = form.get('code_verifier') ?? '';
        if (
          !request ||
          id !== env.AUTH_OIDC_CLIENT_ID ||
          secret !== env.AUTH_OIDC_CLIENT_SECRET ||
          b64url(crypto.createHash('sha256').update(verifier).digest()) !==
            request.get('code_challenge')
        ) {
          return json(400, { error: 'invalid_grant' });
        }
        const accessToken = crypto.randomUUID();
        tokens.set(accessToken, nextUser);
        const now = Math.floor(Date.now() / 1000);
        return json(200, {
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: 3600,
          id_token: sign({
            iss: base,
            sub: nextUser.login,
            aud: id,
            iat: now,
            exp: now + 300,
            nonce: request.get('nonce'),
          }),
        });
      }
      case '/userinfo': {
        const u = tokens.get(bearer);
        if (!u) return json(401, { error: 'invalid_token' });
        return json(200, {
          sub: u.login,
          email: u.email,
          email_verified: u.emailVerified ?? true,
          name: u.login,
        });
      }
      // GitHub Enterprise
      case '/login/oauth/access_token': {
        if (
          !codes.has(form.get('code') ?? '') ||
          form.get('client_id') !== env.AUTH_GITHUB_CLIENT_ID ||
          form.get('client_secret') !== env.AUTH_GITHUB_CLIENT_SECRET
        ) {
          return json(400, { error: 'bad_verification_code' });
        }
        const accessToken = crypto.randomUUID();
        tokens.set(accessToken, nextUser);
        return json(200, {
          access_token: accessToken,
          token_type: 'bearer',
          scope: 'read:user',
        });
      }
      case '/api/v3/user': {
        const u = tokens.get(bearer);
        if (!u) return json(401, { message: 'Bad credentials' });
        return json(200, {
          login: u.login,
          id: 1,
          node_id: `U_${u.login}`,
          name: u.login,
          email: u.email,
        });
      }
      default:
        return json(404, {});
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    /** The user who signs in next. */
    setUser(u: IdpUser) {
      nextUser = u;
    },
    /** "The user approves": a code for this authorize request. */
    approve(authorizeUrl: URL) {
      const code = crypto.randomUUID();
      codes.set(code, authorizeUrl.searchParams);
      return code;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

type SignInResponse = {
  type: string;
  error?: { name: string; message: string };
  response?: {
    backstageIdentity?: {
      token: string;
      identity: { userEntityRef: string; ownershipEntityRefs: string[] };
    };
  };
};

/**
 * The browser's part of a popup sign-in: start at the auth backend, follow
 * it to the identity provider, come back to the handler with the code, and
 * read the message the handler page posts to the app.
 */
async function popupSignIn(
  auth: string,
  provider: 'github' | 'oidc',
  idp: Awaited<ReturnType<typeof startFakeIdentityProvider>>,
): Promise<SignInResponse> {
  const start = new URL(`${auth}/${provider}/start`);
  start.search = new URLSearchParams({
    scope: provider === 'oidc' ? 'openid profile email' : 'read:user',
    origin: APP_ORIGIN,
    flow: 'popup',
    env: 'production',
  }).toString();
  const started = await fetch(start, { redirect: 'manual' });
  expect(started.status).toBe(302);
  const authorize = new URL(started.headers.get('location')!);
  expect(authorize.origin).toBe(idp.base);
  // A cookie jar: the last value of each cookie, removed ones dropped.
  const jar = new Map<string, string>();
  for (const cookie of started.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, value] = pair.split('=');
    if (value) jar.set(name, value);
    else jar.delete(name);
  }
  const cookies = [...jar]
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

  const callback = new URL(`${auth}/${provider}/handler/frame`);
  callback.search = new URLSearchParams({
    code: idp.approve(authorize),
    state: authorize.searchParams.get('state')!,
  }).toString();
  const page = await fetch(callback, { headers: { cookie: cookies } });
  const html = await page.text();
  const encoded = /var authResponse = decodeURIComponent\('([^']*)'\)/.exec(
    html,
  );
  if (!encoded) throw new Error(`unexpected handler page: ${html}`);
  return JSON.parse(decodeURIComponent(encoded[1]));
}

/**
 * The token's ownership refs as backend plugins see them: the token leaves
 * out the `ent` claim (auth.omitIdentityTokenOwnershipClaim defaults to
 * true), so the user info service asks the auth backend's userinfo endpoint.
 */
async function ownershipOf(auth: string, token: string) {
  const claims = JSON.parse(
    Buffer.from(token.split('.')[1], 'base64url').toString(),
  );
  if (claims.ent) return claims.ent;
  const res = await fetch(`${auth}/v1/userinfo`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()).claims.ent;
}

describe('sign-in configuration', () => {
  it('production: GitHub and OIDC with catalog sign-in resolvers, no guest', async () => {
    const config = await readConfig(PRODUCTION);

    expect(config.getString('auth.environment')).toBe('production');
    expect(config.getConfig('auth.providers').keys().sort()).toEqual([
      'github',
      'oidc',
    ]);
    expect(config.has('auth.providers.guest')).toBe(false);
    expect(config.getString('auth.session.secret')).toBe('session-secret');

    const github = config.getConfig('auth.providers.github.production');
    expect(github.getString('clientId')).toBe('github-client');
    expect(github.getString('clientSecret')).toBe('github-secret');
    expect(
      github
        .getConfigArray('signIn.resolvers')
        .map(r => r.getString('resolver')),
    ).toEqual([
      'usernameMatchingUserEntityName',
      'emailMatchingUserEntityProfileEmail',
    ]);

    const oidc = config.getConfig('auth.providers.oidc.production');
    expect(oidc.getString('clientId')).toBe('oidc-client');
    expect(oidc.getString('clientSecret')).toBe('oidc-secret');
    expect(oidc.getString('prompt')).toBe('auto');
    expect(
      oidc.getConfigArray('signIn.resolvers').map(r => r.getString('resolver')),
    ).toEqual([
      'emailMatchingUserEntityProfileEmail',
      'emailLocalPartMatchingUserEntityName',
    ]);
  });

  it('embedded defaults: guest only', async () => {
    const config = await readConfig(EMBEDDED);

    expect(config.getConfig('auth.providers').keys()).toEqual(['guest']);
  });

  it.each([
    ['embedded defaults', EMBEDDED],
    ['production', PRODUCTION],
  ])(
    '%s: valid for the packages’ config schemas; the app sees the providers the backend has and no secrets',
    async (_name, files) => {
      const configs = await readConfigs(files);
      // The schemas of packages/backend and everything it depends on,
      // packages/app (config.d.ts) and the auth provider modules included.
      const schema = await loadConfigSchema({ dependencies: ['backend'] });

      // Throws on values the schemas reject.
      schema.process(configs);
      const frontend = ConfigReader.fromConfigs(
        schema.process(configs, { visibility: ['frontend'] }),
      );
      const backend = ConfigReader.fromConfigs(configs);

      // The sign-in page offers tofui.signIn.providers (default: guest).
      const offered =
        frontend.getOptionalStringArray('tofui.signIn.providers') ?? [];
      expect(offered.length > 0 ? offered : ['guest']).toEqual(
        backend.getConfig('auth.providers').keys(),
      );
      expect(frontend.getOptionalConfig('auth.session')).toBeUndefined();
      for (const provider of ['github', 'oidc']) {
        expect(
          frontend.getOptional(`auth.providers.${provider}.production`),
        ).toBeUndefined();
      }
    },
    120_000,
  );
});

describe('sign-in on the production config', () => {
  let idp: Awaited<ReturnType<typeof startFakeIdentityProvider>>;
  let auth: string;

  beforeAll(async () => {
    idp = await startFakeIdentityProvider();
    env.AUTH_OIDC_METADATA_URL = `${idp.base}/.well-known/openid-configuration`;
    ({ auth } = await startAuthBackend(PRODUCTION, {
      // The GitHub provider's server: GitHub Enterprise, here the fake.
      auth: {
        providers: {
          github: { production: { enterpriseInstanceUrl: idp.base } },
        },
      },
    }));
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('has no guest sign-in', async () => {
    const res = await fetch(`${auth}/guest/refresh`, { method: 'POST' });
    expect(res.status).toBe(404);
  });

  it('OIDC: signs in the catalog user with that email, with their groups', async () => {
    idp.setUser({ login: 'jdoe', email: 'jane.doe@example.com' });

    const { response, error } = await popupSignIn(auth, 'oidc', idp);

    expect(error).toBeUndefined();
    expect(response?.backstageIdentity?.identity).toMatchObject({
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs: ['user:default/jane', 'group:default/developers'],
    });
    // What backend plugins (the tofUI permission policy) get for the token
    // from the user info service.
    expect(await ownershipOf(auth, response!.backstageIdentity!.token)).toEqual(
      ['user:default/jane', 'group:default/developers'],
    );
  });

  it('OIDC: else signs in the user named as the email’s local part', async () => {
    idp.setUser({ login: 'sam', email: 'sam@corp.example.com' });

    const { response, error } = await popupSignIn(auth, 'oidc', idp);

    expect(error).toBeUndefined();
    expect(response?.backstageIdentity?.identity).toMatchObject({
      userEntityRef: 'user:default/sam',
      ownershipEntityRefs: [
        'user:default/sam',
        'group:default/platform-admins',
      ],
    });
  });

  it('OIDC: refuses someone who is not in the catalog', async () => {
    idp.setUser({ login: 'eve', email: 'eve@example.com' });

    const { response, error } = await popupSignIn(auth, 'oidc', idp);

    expect(response).toBeUndefined();
    expect(error?.message).toMatch(/unable to resolve user identity/);
  });

  it('OIDC: ignores an email the provider has not verified', async () => {
    idp.setUser({
      login: 'jdoe',
      email: 'jane.doe@example.com',
      emailVerified: false,
    });

    const { response, error } = await popupSignIn(auth, 'oidc', idp);

    expect(response).toBeUndefined();
    expect(error?.message).toMatch(/profile does not contain an email/);
  });

  it('GitHub: signs in the user named as the GitHub login, with their groups', async () => {
    idp.setUser({ login: 'sam', email: 'sam@users.noreply.example.com' });

    const { response, error } = await popupSignIn(auth, 'github', idp);

    expect(error).toBeUndefined();
    expect(response?.backstageIdentity?.identity).toMatchObject({
      userEntityRef: 'user:default/sam',
      ownershipEntityRefs: [
        'user:default/sam',
        'group:default/platform-admins',
      ],
    });
  });

  it('GitHub: else signs in the user with the profile’s email', async () => {
    idp.setUser({ login: 'jdoe-gh', email: 'jane.doe@example.com' });

    const { response, error } = await popupSignIn(auth, 'github', idp);

    expect(error).toBeUndefined();
    expect(response?.backstageIdentity?.identity).toMatchObject({
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs: ['user:default/jane', 'group:default/developers'],
    });
  });
});

describe('sign-in on the embedded defaults', () => {
  const nodeEnv = process.env.NODE_ENV;

  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('signs in as guest, and offers neither GitHub nor OIDC', async () => {
    // `make start` runs the backend in development, where guest works.
    process.env.NODE_ENV = 'development';
    const { auth } = await startAuthBackend(EMBEDDED);

    const res = await fetch(`${auth}/guest/refresh`);

    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/guest',
    );
    for (const provider of ['github', 'oidc']) {
      const start = await fetch(
        `${auth}/${provider}/start?env=development&origin=${encodeURIComponent(
          'http://localhost:7007',
        )}`,
        { redirect: 'manual' },
      );
      expect(start.status).toBe(404);
    }
  });
});
