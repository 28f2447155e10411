/**
 * Secrets recognisable by their shape, found in logs whatever the plan says.
 * Each pattern is what to mask, with text `before` and `after` it that is
 * kept (the key of `password=…`, the quotes around a value). No pattern has
 * capturing groups of its own: they are numbered when combined.
 */
interface SecretPattern {
  /** The rule's name in a redaction report. */
  id: string;
  before?: string;
  secret: string;
  after?: string;
}

/** Key names whose value is a secret: `db_password`, `GITHUB_TOKEN`, `client_secret`… */
export const SECRET_KEY =
  '(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)';

/**
 * `key = value`, or `"key": "value"`: a colon only before a quoted value, so
 * prose such as "invalid token: the token expired" stays as it is.
 */
const KEY_VALUE = `${SECRET_KEY}["']?[ \\t]*(?:=|:(?=[ \\t]*["']))[ \\t]*`;

/**
 * Values that are not secrets: Terraform's placeholders (`(sensitive value)`,
 * `(known after apply)`), references in configuration shown by a
 * diagnostic, and literals.
 */
const NOT_A_SECRET =
  '(?!\\((?:sensitive(?: value)?|known after apply)\\)|<sensitive>|(?:var|local|data|module|each|count|path|self|terraform)\\.|(?:null|true|false)\\b)';

const PATTERNS: SecretPattern[] = [
  {
    id: 'private-key',
    // the body up to the next "-----" only: a header without its END line
    // costs no more than the text up to the next header
    secret:
      '-----BEGIN[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----(?:(?:[^-]|-(?!----)){0,16384}-----END[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----|(?:(?:\\s|\\\\n)+[A-Za-z0-9+/=]{20,})*)',
  },

  { id: 'aws-access-key', secret: '\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b' },
  {
    id: 'github-token',
    secret: '\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})',
  },
  { id: 'gitlab-token', secret: '\\bgl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}' },
  { id: 'slack-token', secret: '\\bxox[abposr]-[A-Za-z0-9-]{10,}' },
  {
    id: 'jwt',
    // not from inside a run of token characters: "eyJeyJeyJ…" stays linear
    secret:
      '(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*',
  },
  {
    id: 'authorization-header',
    before: `Authorization["']?[ \\t]*[:=][ \\t]*["']?(?:(?:Bearer|Basic|Token)[ \\t]+|(?!(?:Bearer|Basic|Token)\\b))${NOT_A_SECRET}`,
    secret: `[^\\s"']+`,
  },
  {
    id: 'bearer-token',
    before: 'Bearer[ \\t]+',
    secret: '[A-Za-z0-9._~+/-]{16,}=*',
  },
  {
    // the key of an Azure storage account or Service Bus connection string,
    // and the signature of a SAS URL
    id: 'azure-key',
    before: '(?:(?:Account|SharedAccess|Access)Key=|[?&]sig=)',
    secret: '[A-Za-z0-9+/%]{20,}(?:={0,2}|(?:%3D){0,2})',
  },
  {
    // a GCP service-account key: its private_key is a PEM key (above)
    id: 'gcp-service-account-key',
    before: '"private_key_id"[ \\t]*:[ \\t]*"',
    secret: '[a-f0-9]{40}',
    after: '"',
  },
  { id: 'gcp-api-key', secret: '\\bAIza[A-Za-z0-9_-]{35}\\b' },
  {
    // before the key names below, which would match `access_key` only
    id: 'aws-secret-key',
    before: `aws_?secret_?access_?key["']?[ \\t]*[=:][ \\t]*["']?`,
    secret: '[A-Za-z0-9/+=]{40}',
  },
  {
    id: 'url-password',
    // user:password@ in a URL
    before: `(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}://[^\\s:/@"'<>]+:${NOT_A_SECRET}`,
    secret: `[^\\s/@"'<>]+`,
    after: '@',
  },
  {
    id: 'secret-named-key',
    before: `${KEY_VALUE}"${NOT_A_SECRET}`,
    secret: '(?:[^"\\\\\\r\\n]|\\\\.)+',
    after: '"',
  },
  {
    id: 'secret-named-key',
    before: `${KEY_VALUE}'${NOT_A_SECRET}`,
    secret: "[^'\\r\\n]+",
    after: "'",
  },
  {
    id: 'secret-named-key',
    before: `${KEY_VALUE}${NOT_A_SECRET}`,
    secret: `[^\\s"'=,;&)}\\]][^\\s"',;&)}\\]]*`,
  },
  {
    // `password: value` on a line of its own (YAML: Helm values, cloud-init)
    id: 'secret-named-key',
    before: `^[ \\t]*(?:-[ \\t]+)?[\\w.-]*${SECRET_KEY}[\\w.-]*[ \\t]*:[ \\t]+${NOT_A_SECRET}(?![|>"'])`,
    secret: `[^\\s#][^\\r\\n]*`,
  },
];

/** The names of the built-in rules, as a redaction report counts them. @public */
export const SECRET_PATTERN_RULES: readonly string[] = [
  ...new Set(PATTERNS.map(p => p.id)),
];

/** A rule of one's own: a regex of what to mask (`tofui.redaction.rules`). @public */
export interface ExtraSecretRule {
  name: string;
  /** A JavaScript regex, case-insensitive; everything it matches is masked. */
  pattern: string;
}

/** Reads a rule's regex, saying which rule cannot be read. */
function compileRule(rule: ExtraSecretRule): RegExp {
  try {
    return new RegExp(rule.pattern, 'gim');
  } catch (error) {
    throw new Error(
      `Redaction rule ${rule.name}: not a regex: ${(error as Error).message}`,
    );
  }
}

/** All patterns in one regex: each alternative captures its `before`, secret and `after`. */
const SECRETS = new RegExp(
  PATTERNS.map(p => `(${p.before ?? ''})(${p.secret})(${p.after ?? ''})`).join(
    '|',
  ),
  'gim',
);

/** Told of each secret masked: the rule's name and the secret. @public */
export type OnSecret = (rule: string, secret: string) => void;

/**
 * A masker of secrets of known shapes: the built-in patterns, then `rules`
 * of one's own; a secret that one of `allow` (whole-value regexes) matches
 * is kept.
 */
export function createPatternMasker(
  options: {
    rules?: readonly ExtraSecretRule[];
    allow?: readonly string[];
  } = {},
): (text: string, marker: string, onSecret?: OnSecret) => string {
  const extra = (options.rules ?? []).map(
    rule => [rule.name, compileRule(rule)] as const,
  );
  const allow = (options.allow ?? []).map(a => {
    try {
      return new RegExp(`^(?:${a})$`, 'i');
    } catch (error) {
      throw new Error(
        `Redaction allow-list entry ${a}: not a regex: ${
          (error as Error).message
        }`,
      );
    }
  });
  return (text, marker, onSecret) => {
    const allowed = (secret: string) =>
      secret === marker || allow.some(a => a.test(secret));
    let out = text.replace(SECRETS, (...args: unknown[]) => {
      // the groups of the alternative that matched are defined, the others not
      for (let i = 1; i < PATTERNS.length * 3; i += 3) {
        if (args[i] !== undefined) {
          if (allowed(args[i + 1] as string)) {
            return args[0] as string;
          }
          onSecret?.(PATTERNS[(i - 1) / 3].id, args[i + 1] as string);
          return `${args[i]}${marker}${args[i + 2]}`;
        }
      }
      return marker;
    });
    for (const [name, regex] of extra) {
      out = out.replace(regex, match => {
        if (match === '' || allowed(match)) {
          return match;
        }
        onSecret?.(name, match);
        return marker;
      });
    }
    return out;
  };
}

const builtIn = createPatternMasker();

/** Replaces every secret the built-in patterns recognise with `marker`. */
export function maskSecretPatterns(text: string, marker: string): string {
  return builtIn(text, marker);
}
