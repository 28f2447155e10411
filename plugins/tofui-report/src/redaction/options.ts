import type { ExtraSecretRule } from '../logs/secretPatterns';

/**
 * How the second redaction layer runs (`tofui.redaction` in the backend's
 * config, `--redaction-config` for the CLI): the same options give the same
 * masking everywhere. @public
 */
export interface RedactionOptions {
  /** Off: only what the plan marks sensitive is masked. Default on. */
  enabled?: boolean;
  /** Secrets of one's own shape: each rule's regex is masked wherever it matches. */
  rules?: ExtraSecretRule[];
  /**
   * Values never masked by this layer: whole-value regexes (a known
   * non-secret that looks like one, e.g. a public test key).
   */
  allow?: string[];
}

/**
 * Reads redaction options from untrusted JSON (a config file), saying what
 * is wrong.
 *
 * @public
 */
export function readRedactionOptions(value: unknown): RedactionOptions {
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Redaction options must be an object');
  }
  const v = value as Record<string, unknown>;
  const strings = (list: unknown, what: string) => {
    if (list === undefined) return undefined;
    if (!Array.isArray(list) || list.some(s => typeof s !== 'string')) {
      throw new Error(`Redaction ${what} must be a list of strings`);
    }
    return list as string[];
  };
  if (v.enabled !== undefined && typeof v.enabled !== 'boolean') {
    throw new Error('Redaction enabled must be true or false');
  }
  let rules: ExtraSecretRule[] | undefined;
  if (v.rules !== undefined) {
    if (
      !Array.isArray(v.rules) ||
      v.rules.some(
        r => typeof r?.name !== 'string' || typeof r?.pattern !== 'string',
      )
    ) {
      throw new Error(
        'Redaction rules must be a list of { name, pattern } (strings)',
      );
    }
    rules = v.rules.map(r => ({ name: r.name, pattern: r.pattern }));
  }
  return {
    ...(v.enabled !== undefined && { enabled: v.enabled as boolean }),
    ...(rules && { rules }),
    ...(v.allow !== undefined && { allow: strings(v.allow, 'allow') }),
  };
}
