import fc from 'fast-check';

/** A JSON schema node, as the spec writes them. */
export type Schema = Record<string, any>;

/** Resolves `#/components/...` refs against the spec. */
export function resolver(spec: Schema) {
  return function resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    while (s.$ref) {
      s = (s.$ref as string)
        .replace(/^#\//, '')
        .split('/')
        .reduce((node: Schema, key) => node[key], spec);
    }
    return s;
  };
}

/** A schema with `allOf` merged into one object schema (the spec's use of it). */
function merged(schema: Schema, resolve: (s: Schema) => Schema): Schema {
  if (!schema.allOf) return schema;
  const out: Schema = { type: 'object', properties: {}, required: [] };
  for (const part of [schema, ...schema.allOf].map(resolve)) {
    const m =
      part === schema ? { ...part, allOf: undefined } : merged(part, resolve);
    Object.assign(out.properties, m.properties ?? {});
    out.required.push(...(m.required ?? []));
  }
  return out;
}

const maxLen = (s: Schema, cap: number) => Math.min(s.maxLength ?? cap, cap);

/**
 * Values valid against `schema`, with its boundaries drawn often (shortest
 * and longest strings, smallest and largest numbers, empty and full lists).
 */
export function validValue(
  schemaIn: Schema | undefined,
  resolve: (s: Schema | undefined) => Schema,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = merged(resolve(schemaIn), resolve);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.oneOf || schema.anyOf) {
    return fc.oneof(
      ...(schema.oneOf ?? schema.anyOf).map((s: Schema) =>
        validValue(s, resolve, depth + 1),
      ),
    );
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e9;
      return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
    }
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items, resolve, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
      return objectValue(schema, resolve, depth);
    case 'string':
    default:
      return stringValue(schema);
  }
}

function stringValue(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = maxLen(schema, 300);
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01') })
      .map(d => d.toISOString());
  }
  if (schema.format === 'binary') return fc.string({ maxLength: 200 });
  if (schema.pattern) {
    // fast-check cannot generate lookaheads: drawn without, then checked
    const full = new RegExp(schema.pattern);
    const loose = schema.pattern.replace(
      /\(\?[!=](?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)/g,
      '',
    );
    return fc
      .stringMatching(new RegExp(loose))
      .filter(
        s =>
          full.test(s) &&
          s.length >= min &&
          s.length <= (schema.maxLength ?? Infinity),
      );
  }
  if (schema.format === 'uri') {
    return fc.webUrl().filter(u => u.length <= (schema.maxLength ?? Infinity));
  }
  return fc
    .oneof(
      fc.constant('x'.repeat(Math.max(min, 1))),
      fc.constant('y'.repeat(max)),
      fc.string({ minLength: min, maxLength: max }),
      fc.string({
        unit: 'grapheme',
        minLength: min,
        maxLength: Math.min(max, 40),
      }),
    )
    .filter(s => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
}

function objectValue(
  schema: Schema,
  resolve: (s: Schema | undefined) => Schema,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, Schema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const keys = Object.keys(properties);
  const record = fc.record(
    Object.fromEntries(
      keys.map(k => [k, validValue(properties[k], resolve, depth + 1)]),
    ),
    { requiredKeys: keys.filter(k => required.has(k)) },
  ) as fc.Arbitrary<Record<string, unknown>>;
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object' && keys.length === 0) {
    const names = schema.propertyNames
      ? stringValue(resolve(schema.propertyNames))
      : fc.string({ minLength: 1, maxLength: 20 });
    return fc.dictionary(names, validValue(extra, resolve, depth + 1), {
      maxKeys: Math.min(schema.maxProperties ?? 5, 5),
    });
  }
  return record;
}

/** Any JSON at all: the wrong type for almost any schema. */
export const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 50 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), {
    maxKeys: 3,
  }),
);
