import { formatAttributePath } from '../plan/attributeLeaves';
import { writeKey } from '../plan/copyOnWrite';
import { REDACTED } from '../plan/redacted';
import { createPatternMasker, SECRET_KEY } from '../logs/secretPatterns';
import type { RedactionOptions } from './options';

/**
 * Told of each value masked: which rule, at which attribute path, and the
 * secret itself (so the log of the same run can be masked with it; it is
 * never reported).
 */
export type OnRedacted = (
  rule: string,
  path: ReadonlyArray<unknown>,
  secret: string,
) => void;

const SECRET_NAME = new RegExp(SECRET_KEY, 'i');

/**
 * Secret-sounding names that hold no secret: the id, ARN, name or version
 * of a secret (`secret_id`, `kms_key_arn`), a reference to one
 * (`secret_key_ref`), or a setting about one (`password_length`).
 */
const NOT_A_SECRET_NAME =
  /(?:^|[_-])(?:arns?|ids?|names?|versions?|policy|type|length|count|enabled|required|ttl|days|ref|refs|path|paths|location|mode|rotation\w*|expir\w*|reuse\w*|min\w*|max\w*)$/i;

/** Values that are not secrets whatever their key: placeholders and ARNs. */
const NOT_A_SECRET_VALUE =
  /^(?:\((?:sensitive(?: value)?|known after apply)\)|<sensitive>|arn:[a-z0-9-]+:)/i;

/** Whether `name` is the name of a secret (`DB_PASSWORD`, `api_token`). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET_NAME.test(name);
}

/** JSON in a string (an ECS task's container definitions) is read, not scanned. */
const MAX_NESTED_JSON = 4 * 1024 * 1024;

/** Strings found clean are remembered up to this length, and this many. */
const MAX_REMEMBERED_LENGTH = 1024;
const MAX_REMEMBERED = 200_000;

/**
 * The second redaction layer for values: masks, in any JSON value, what the
 * plan did not mark sensitive but is a secret — strings under a secret name
 * (`password`, `client_secret`), the `value` of a name/value pair whose name
 * is one (`{ name: "DB_PASSWORD", value: … }`), and secrets of known shapes
 * anywhere in a string (keys, tokens, passwords in URLs, `password=` in
 * user data). JSON held in a string is redacted as JSON. Built once from
 * the options, it redacts any number of values.
 */
export function createValueRedactor(
  options: RedactionOptions = {},
): (value: unknown, onRedacted: OnRedacted) => unknown {
  if (options.enabled === false) {
    return value => value;
  }
  const maskText = createPatternMasker(options);
  const allow = (options.allow ?? []).map(a => new RegExp(`^(?:${a})$`, 'i'));
  const keep = (value: string) =>
    value === '' ||
    NOT_A_SECRET_VALUE.test(value) ||
    allow.some(a => a.test(value));

  // `path` is one stack for the whole walk, pushed and popped around each
  // step down (a walk that throws is abandoned with it) and copied only when
  // a secret is reported: a plan has millions of values and a handful of
  // secrets. Values are copied on write, so what holds no secret is returned
  // as it is (no second copy of a large plan, nothing for the GC to move).
  const report = (
    on: OnRedacted,
    rule: string,
    path: unknown[],
    secret: string,
  ) => on(rule, path.slice(), secret);

  const named = (
    value: unknown,
    path: unknown[],
    on: OnRedacted,
    rule = 'secret-named-key',
  ): unknown => {
    if (typeof value === 'string' && !keep(value)) {
      report(on, rule, path, value);
      return REDACTED;
    }
    if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
      return value.map((v, i) => {
        path.push(i);
        const result = named(v, path, on, rule);
        path.pop();
        return result;
      });
    }
    // a literal in the configuration: `password = "…"` is an expression
    if (value && typeof value === 'object' && 'constant_value' in value) {
      const { constant_value: constant, ...rest } = value as Record<
        string,
        unknown
      >;
      const out = walk(rest, path, on) as object;
      path.push('constant_value');
      const masked = named(constant, path, on);
      path.pop();
      return { ...out, constant_value: masked };
    }
    return walk(value, path, on);
  };

  const scanText = (value: string, path: unknown[], on: OnRedacted) => {
    const trimmed = value.trimStart();
    if (
      (trimmed.startsWith('{') || trimmed.startsWith('[')) &&
      value.length <= MAX_NESTED_JSON
    ) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      if (parsed !== undefined) {
        let found = false;
        const result = walk(parsed, path, (rule, at, secret) => {
          found = true;
          on(rule, at, secret);
        });
        return found ? JSON.stringify(result) : value;
      }
    }
    return maskText(value, REDACTED, (rule, secret) =>
      report(on, rule, path, secret),
    );
  };

  // Plans repeat their strings (regions, tags, ids): one found to hold no
  // secret is not scanned again. Secrets are never remembered, so each place
  // one appears is still reported.
  const clean = new Set<string>();
  const text = (value: string, path: unknown[], on: OnRedacted): string => {
    // a longer string is never remembered, nor hashed to look it up
    const rememberable = value.length <= MAX_REMEMBERED_LENGTH;
    if (rememberable && clean.has(value)) return value;
    const masked = scanText(value, path, on);
    if (rememberable && masked === value && clean.size < MAX_REMEMBERED) {
      clean.add(value);
    }
    return masked;
  };

  // a declaration (hoisted): named() and text() above recurse into it
  function walk(value: unknown, path: unknown[], on: OnRedacted): unknown {
    if (typeof value === 'string') {
      return value === REDACTED ? value : text(value, path, on);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        path.push(i);
        const result = walk(item, path, on);
        path.pop();
        if (result !== item) {
          out ??= value.slice();
          out[i] = result;
        }
      }
      return out ?? value;
    }
    const object = value as Record<string, unknown>;
    const pairName = object.name ?? object.key;
    const secretPair =
      typeof pairName === 'string' &&
      typeof object.value === 'string' &&
      isSecretName(pairName);
    let out: Record<string, unknown> | undefined;
    for (const key in object) {
      if (!Object.hasOwn(object, key)) continue;
      const item = object[key];
      path.push(key);
      let result: unknown;
      if (key === 'private_key_id' && object.type === 'service_account') {
        // a GCP key file: its id says which key; its private_key is PEM
        result = named(item, path, on, 'gcp-service-account-key');
      } else if ((secretPair && key === 'value') || isSecretName(key)) {
        result = named(item, path, on);
      } else {
        result = walk(item, path, on);
      }
      path.pop();
      if (result !== item) {
        out = writeKey(object, out, key, result);
      }
    }
    return out ?? value;
  }

  return (value, onRedacted) => walk(value, [], onRedacted);
}

/** A path as a redaction report shows it: where, then the attribute. */
export function reportedPath(where: string, path: ReadonlyArray<unknown>) {
  const attribute = formatAttributePath(path);
  return attribute ? `${where}: ${attribute}` : where;
}
