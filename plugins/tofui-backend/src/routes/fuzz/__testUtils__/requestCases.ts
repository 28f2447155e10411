import fc from 'fast-check';
import { anyJson, resolver, type Schema, validValue } from './schemaArbitrary';

/** How a case departs from the spec: not at all, at its limits, or broken. */
export type CaseKind = 'valid' | 'mutated';

export type Credentials = 'none' | 'user' | 'service' | 'invalid';

/** One generated request, before the ids of stored things are filled in. */
export interface FuzzCase {
  operationId: string;
  method: string;
  /** The path with `{param}` values, or a pool pick (`usePool`). */
  pathParams: Record<string, { value: string; usePool: number | null }>;
  template: string;
  query: string;
  contentType?: string;
  body?: Buffer;
  credentials: Credentials;
  kind: CaseKind;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  parameters: Schema[];
  requestBody?: Schema;
  responses: Record<string, Schema>;
  security?: unknown[];
}

/** Every route and method of the spec. */
export function operations(spec: Schema): Operation[] {
  const resolve = resolver(spec);
  const out: Operation[] = [];
  for (const [template, item] of Object.entries<Schema>(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      out.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        template,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])].map(
          resolve,
        ),
        requestBody: op.requestBody && resolve(op.requestBody),
        responses: Object.fromEntries(
          Object.entries<Schema>(op.responses).map(([k, v]) => [k, resolve(v)]),
        ),
        security: op.security,
      });
    }
  }
  return out;
}

/** Text that no schema of the spec expects, sized from nothing to large. */
const junkText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../..',
    '%00',
    '\u0000',
    'null',
    '[]',
    '{}',
    '-1',
    '1e309',
    'true',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // long, within what an HTTP server takes in a URL (16 kB of headers)
  fc.nat({ max: 4_000 }).map(n => 'a'.repeat(n)),
);

/** Bodies go further: past the configured size limits. */
const junkBody = fc.oneof(
  junkText,
  fc.nat({ max: 70_000 }).map(n => 'a'.repeat(n)),
);

const encode = (v: unknown) =>
  encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));

function queryArbitrary(
  params: Schema[],
  resolve: (s: Schema | undefined) => Schema,
) {
  const query = params.filter(p => p.in === 'query');
  return fc
    .tuple(
      ...query.map(p =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(undefined) },
          { weight: 3, arbitrary: validValue(p.schema, resolve) },
          { weight: 1, arbitrary: fc.oneof(junkText, anyJson) },
        ),
      ),
      fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), junkText)),
      fc.boolean(),
    )
    .map(values => {
      const extra = values[query.length] as [string, string] | null;
      const duplicate = values[query.length + 1] as boolean;
      const parts: string[] = [];
      query.forEach((p, i) => {
        const v = values[i];
        if (v === undefined) return;
        parts.push(`${p.name}=${encode(v)}`);
        if (duplicate) parts.push(`${p.name}=${encode(v)}`);
      });
      if (extra) parts.push(`${encode(extra[0])}=${encode(extra[1])}`);
      return parts.length ? `?${parts.join('&')}` : '';
    });
}

/** A mutation of a valid object: a key gone, one too many, a value of any type. */
function mutateObject(value: unknown): fc.Arbitrary<unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return fc.oneof(anyJson, fc.constant(value));
  }
  const keys = Object.keys(value);
  return fc.oneof(
    keys.length
      ? fc.constantFrom(...keys).map(k => {
          const { [k]: _gone, ...rest } = value as Record<string, unknown>;
          return rest;
        })
      : fc.constant(value),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), anyJson)
      .map(([k, v]) => ({ ...value, [k]: v })),
    keys.length
      ? fc
          .tuple(fc.constantFrom(...keys), fc.oneof(anyJson, junkText))
          .map(([k, v]) => ({ ...value, [k]: v }))
      : fc.constant(value),
    anyJson,
  );
}

const BOUNDARY = '----tofuifuzz';

function multipart(parts: Array<[name: string, text: string, type?: string]>) {
  const chunks = parts.map(
    ([name, text, type]) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${
        name === 'report' ? '' : `; filename="${name}"`
      }\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${text}\r\n`,
  );
  return Buffer.from(`${chunks.join('')}--${BOUNDARY}--\r\n`);
}

/** A small plan (valid plan JSON) or text that is not one. */
const artifactText = fc.oneof(
  fc.constant(
    JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'null_resource.a',
          type: 'null_resource',
          change: {
            actions: ['create'],
            before: null,
            after: { password: 'x1y2z3w4' },
          },
        },
      ],
    }),
  ),
  fc.constant('Plan: 1 to add, 0 to change, 0 to destroy.\npassword=hunter22'),
  fc.string({ maxLength: 200 }),
);

function bodyArbitrary(
  op: Operation,
  resolve: (s: Schema | undefined) => Schema,
): fc.Arbitrary<{ contentType?: string; body?: Buffer; kind: CaseKind }> {
  const content: Record<string, Schema> = op.requestBody?.content ?? {};
  const options: Array<
    fc.Arbitrary<{ contentType?: string; body?: Buffer; kind: CaseKind }>
  > = [];
  const json = content['application/json'];
  if (json) {
    const valid = validValue(json.schema, resolve);
    options.push(
      valid.map(v => ({
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(v)),
        kind: 'valid' as const,
      })),
      valid.chain(mutateObject).map(v => ({
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(v) ?? ''),
        kind: 'mutated' as const,
      })),
    );
  }
  const form = content['multipart/form-data'];
  if (form) {
    const report = validValue(resolve(form.schema).properties.report, resolve);
    const files = fc
      .subarray(['html', 'plan', 'log'])
      .chain(names =>
        fc.tuple(
          ...names.map(n => artifactText.map(t => [n, t] as [string, string])),
        ),
      );
    options.push(
      fc.tuple(report, files).map(([r, f]) => ({
        contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        body: multipart([
          ['report', JSON.stringify(r), 'application/json'],
          ...f,
        ]),
        kind: 'valid' as const,
      })),
      fc
        .tuple(report.chain(mutateObject), files, fc.boolean())
        .map(([r, f, reportLast]) => {
          const reportPart: [string, string] = [
            'report',
            JSON.stringify(r) ?? '',
          ];
          return {
            contentType: `multipart/form-data; boundary=${BOUNDARY}`,
            body: multipart(
              reportLast ? [...f, reportPart] : [reportPart, ...f],
            ),
            kind: 'mutated' as const,
          };
        }),
      fc.string({ maxLength: 300 }).map(garbage => ({
        contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        body: Buffer.from(garbage),
        kind: 'mutated' as const,
      })),
    );
  }
  // whatever the operation: no body, other content types, malformed text
  options.push(
    fc
      .tuple(
        fc.constantFrom(
          undefined,
          'application/json',
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/json; charset=utf-16',
          'garbage',
        ),
        fc.option(
          fc.oneof(junkBody, fc.constantFrom('{', '{"a":', '[1,2', '\uFEFF{}')),
        ),
      )
      .map(([contentType, text]) => ({
        contentType,
        body: text === null ? undefined : Buffer.from(text),
        kind: 'mutated' as const,
      })),
  );
  return fc.oneof(...options);
}

function pathParamsArbitrary(
  op: Operation,
  resolve: (s: Schema | undefined) => Schema,
) {
  const params = op.parameters.filter(p => p.in === 'path');
  return fc
    .tuple(
      ...params.map(p =>
        fc.record({
          value: fc.oneof(
            { weight: 2, arbitrary: validValue(p.schema, resolve).map(String) },
            { weight: 1, arbitrary: junkText },
          ),
          // an id of something stored, when there is one
          usePool: fc.option(fc.nat(), { freq: 2 }),
        }),
      ),
    )
    .map(values =>
      Object.fromEntries(params.map((p, i) => [p.name, values[i]])),
    );
}

/** Requests for `op`: valid, at the limits and mutated, with and without credentials. */
export function caseArbitrary(
  spec: Schema,
  op: Operation,
): fc.Arbitrary<FuzzCase> {
  const resolve = resolver(spec);
  return fc
    .record({
      pathParams: pathParamsArbitrary(op, resolve),
      query: queryArbitrary(op.parameters, resolve),
      body: op.requestBody
        ? fc.oneof(
            { weight: 4, arbitrary: bodyArbitrary(op, resolve) },
            { weight: 1, arbitrary: fc.constant({ kind: 'mutated' as const }) },
          )
        : fc.oneof(
            { weight: 4, arbitrary: fc.constant({ kind: 'valid' as const }) },
            { weight: 1, arbitrary: bodyArbitrary(op, resolve) },
          ),
      credentials: fc.constantFrom<Credentials>(
        'service',
        'service',
        'user',
        'none',
        'invalid',
      ),
    })
    .map(({ pathParams, query, body, credentials }) => ({
      operationId: op.operationId,
      method: op.method,
      template: op.template,
      pathParams: Object.fromEntries(
        Object.entries(
          pathParams as Record<
            string,
            { value: string; usePool: number | null }
          >,
        ).map(([k, v]) => [k, { value: v.value, usePool: v.usePool }]),
      ),
      query,
      contentType: (body as any).contentType,
      body: (body as any).body,
      credentials,
      kind: (body as any).kind,
    }));
}
