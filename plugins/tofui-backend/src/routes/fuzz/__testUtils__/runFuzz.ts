import { mockCredentials } from '@backstage/backend-test-utils';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { spec } from '../../../schema/openapi.generated';
import { startTofuiTestBackend } from '../../../testUtils';
import type { Knex } from 'knex';
import {
  caseArbitrary,
  type Credentials,
  type FuzzCase,
  type Operation,
  operations,
} from './requestCases';
import { resolver } from './schemaArbitrary';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { jobsSettled, snapshot } from './snapshot';

/** An entity mapping a repository, owned by a team, for `owner=` filters. */
const OWNED_ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'network',
    annotations: { 'tofui.io/repository': 'acme/infrastructure' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/net',
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/net' }],
};

/** What a fuzz run did and found. */
export interface FuzzFigures {
  cases: number;
  seed: number;
  seconds: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  /** Requests that broke a rule, with why: empty when all is well. */
  failures: Array<{ case: string; problem: string }>;
}

const AUTH: Record<Credentials, () => string | undefined> = {
  none: () => undefined,
  user: () => mockCredentials.user.header(),
  service: () => mockCredentials.service.header(),
  invalid: () => 'Bearer not-a-valid-token',
};

/** Ids of stored things, by the path parameter that takes them. */
type Pool = Record<string, string[]>;

function poolKey(template: string) {
  if (template.startsWith('/v1/reports/')) return 'report';
  if (template.startsWith('/v1/repositories/')) return 'repository';
  if (template.startsWith('/v1/status-types/')) return 'statusType';
  return undefined;
}

function urlOf(c: FuzzCase, pool: Pool): string {
  let url = c.template;
  for (const [name, { value, usePool }] of Object.entries(c.pathParams)) {
    const ids = pool[poolKey(c.template) ?? ''] ?? [];
    const v =
      usePool !== null && ids.length ? ids[usePool % ids.length] : value;
    // an empty, `.` or `..` segment (URLs resolve it, even encoded) is
    // another route, one the spec does not have
    url = url.replace(
      `{${name}}`,
      (encodeURIComponent(v) || '-').replace(/^\.\.?$/, '-'),
    );
  }
  return `/api/tofui${url}${c.query}`;
}

function remember(pool: Pool, c: FuzzCase, status: number, body: any) {
  if (status >= 300 || !body || typeof body !== 'object') return;
  const add = (key: string, id: unknown) => {
    if (typeof id !== 'string') return;
    const ids = (pool[key] ??= []);
    if (!ids.includes(id)) ids.push(id);
  };
  if (c.operationId === 'PublishReport') add('report', body.id);
  if (c.operationId === 'ListReports')
    body.items?.forEach((r: any) => add('report', r.id));
  if (c.operationId === 'RegisterRepository') add('repository', body.id);
  if (c.operationId === 'ListRepositories')
    body.items?.forEach((r: any) => add('repository', r.id));
  if (c.operationId === 'ListStatusTypes')
    body.items?.forEach((s: any) => add('statusType', s.key));
}

const describeCase = (c: FuzzCase, url: string) =>
  `${c.method} ${url.slice(0, 300)} [${c.kind}, ${c.credentials}, ${
    c.contentType ?? 'no content type'
  }, ${c.body?.length ?? 0} bytes${
    c.body && c.body.length <= 400 ? `: ${c.body.toString('utf8')}` : ''
  }]`;

/**
 * Sends `runs` requests generated from the spec to the plugin's test
 * backend (SQLite, local storage, small size limits so that 413 is reached
 * cheaply) and checks each: no 5xx, a status and body the spec declares for
 * the operation, and nothing written when the answer is 4xx.
 */
export async function runFuzz({
  runs,
  seed,
  knex,
}: {
  runs: number;
  seed: number;
  /** An empty SQLite database (the snapshot reads SQLite's catalogue). */
  knex: Knex;
}): Promise<FuzzFigures> {
  const api = await startTofuiTestBackend({
    knex,
    // a catalog, as every Backstage has: `owner=` is resolved, not refused
    // (without one it answers 503, see FolderScopes.test.ts)
    features: [catalogServiceMock.factory({ entities: [OWNED_ENTITY] })],
    config: {
      tofui: { api: { maxBodySize: '32kb', maxArtifactSize: '48kb' } },
    },
  });
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'tofui', components: spec.components }, 'tofui');
  const resolve = resolver(spec as any);
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorFor = (op: Operation, status: string, schema: any) => {
    const key = `${op.operationId} ${status}`;
    if (!validators.has(key)) {
      const text = JSON.stringify(schema).replace(
        /"#\/components/g,
        '"tofui#/components',
      );
      validators.set(key, ajv.compile(JSON.parse(text)));
    }
    return validators.get(key)!;
  };

  const figures: FuzzFigures = {
    cases: 0,
    seed,
    seconds: 0,
    byStatus: {},
    byOperation: {},
    failures: [],
  };
  const pool: Pool = {};
  const ops = operations(spec as any);
  const started = Date.now();
  const check = async (op: Operation, c: FuzzCase) => {
    const url = urlOf(c, pool);
    const mutating = c.method !== 'GET';
    if (mutating) await jobsSettled(knex);
    const before = mutating ? await snapshot(knex, api.artifactsDir) : '';
    const headers: Record<string, string> = {};
    const auth = AUTH[c.credentials]();
    if (auth) headers.authorization = auth;
    if (c.contentType) headers['content-type'] = c.contentType;
    const res = await fetch(`${api.url}${url}`, {
      method: c.method,
      headers,
      body: c.body && c.method !== 'GET' ? c.body : undefined,
    });
    const text = await res.text();
    const status = res.status;
    figures.cases++;
    figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
    figures.byOperation[op.operationId] =
      (figures.byOperation[op.operationId] ?? 0) + 1;
    const fail = (problem: string) =>
      figures.failures.push({ case: describeCase(c, url), problem });
    if (status >= 500) {
      fail(`${status}: ${text.slice(0, 500)}`);
      return;
    }
    const declared = op.responses[String(status)] ?? op.responses.default;
    if (!declared) {
      fail(
        `${status} is not a response the spec declares: ${text.slice(0, 300)}`,
      );
      return;
    }
    const content = resolve(declared).content as
      | Record<string, any>
      | undefined;
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    if (content && Object.keys(content).length) {
      const media = content[type];
      if (!media) {
        fail(
          `${status} answered ${
            type || 'no content type'
          }, the spec says ${Object.keys(content)}`,
        );
        return;
      }
      if (type === 'application/json' && media.schema) {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          fail(`${status}: not JSON: ${text.slice(0, 200)}`);
          return;
        }
        const validate = validatorFor(op, String(status), media.schema);
        if (!validate(body)) {
          fail(
            `${status} body breaks the spec: ${ajv.errorsText(
              validate.errors,
            )}: ${text.slice(0, 300)}`,
          );
          return;
        }
        remember(pool, c, status, body);
      }
    }
    if (mutating && status >= 400) {
      const after = await snapshot(knex, api.artifactsDir);
      if (after !== before) {
        fail(`${status} but something was written`);
      }
    }
  };

  try {
    const arbitrary = fc.oneof(
      ...ops.map(op =>
        caseArbitrary(spec as any, op).map(c => [op, c] as const),
      ),
    );
    // in batches: 50,000 cases are not held at once
    for (let done = 0, batch = 0; done < runs; batch++) {
      const n = Math.min(1000, runs - done);
      for (const [op, c] of fc.sample(arbitrary, {
        numRuns: n,
        seed: seed + batch,
      })) {
        await check(op, c);
      }
      done += n;
    }
  } finally {
    figures.seconds = (Date.now() - started) / 1000;
    await api.stop();
  }
  return figures;
}
