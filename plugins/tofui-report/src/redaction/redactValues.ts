import { formatAttributePath } from '../plan/diffChange';
import { REDACTED } from '../plan/redacted';
import {
  createPatternMasker,
  type OnSecret,
  SECRET_KEY,
} from '../logs/secretPatterns';
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

  const named = (
    value: unknown,
    path: unknown[],
    on: OnRedacted,
    rule = 'secret-named-key',
  ): unknown => {
    if (typeof value === 'string' && !keep(value)) {
      on(rule, path, value);
      return REDACTED;
    }
    if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
      return value.map((v, i) => named(v, [...path, i], on, rule));
    }
    // a literal in the configuration: `password = "…"` is an expression
    if (value && typeof value === 'object' && 'constant_value' in value) {
      const { constant_value: constant, ...rest } = value as Record<
        string,
        unknown
      >;
      return {
        ...(walk(rest, path, on) as object),
        constant_value: named(constant, [...path, 'constant_value'], on),
      };
    }
    return walk(value, path, on);
  };

  const text = (value: string, path: unknown[], on: OnRedacted): string => {
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
    const onSecret: OnSecret = (rule, secret) => on(rule, path, secret);
    return maskText(value, REDACTED, onSecret);
  };

  // a declaration (hoisted): named() and text() above recurse into it
  function walk(value: unknown, path: unknown[], on: OnRedacted): unknown {
    if (typeof value === 'string') {
      return value === REDACTED ? value : text(value, path, on);
    }
    if (Array.isArray(value)) {
      return value.map((item, i) => walk(item, [...path, i], on));
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const object = value as Record<string, unknown>;
    const pairName = object.name ?? object.key;
    const secretPair =
      typeof pairName === 'string' &&
      typeof object.value === 'string' &&
      isSecretName(pairName);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(object)) {
      const at = [...path, key];
      if (key === 'private_key_id' && object.type === 'service_account') {
        // a GCP key file: its id says which key; its private_key is PEM
        out[key] = named(item, at, on, 'gcp-service-account-key');
      } else if (secretPair && key === 'value') {
        out[key] = named(item, at, on);
      } else if (isSecretName(key)) {
        out[key] = named(item, at, on);
      } else {
        out[key] = walk(item, at, on);
      }
    }
    return out;
  }

  return (value, onRedacted) => walk(value, [], onRedacted);
}

/** A path as a redaction report shows it: where, then the attribute. */
export function reportedPath(where: string, path: ReadonlyArray<unknown>) {
  const attribute = formatAttributePath(path);
  return attribute ? `${where}: ${attribute}` : where;
}
