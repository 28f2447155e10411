/**
 * Secrets recognisable by their shape, found in logs whatever the plan says.
 * Each pattern is what to mask, with text `before` and `after` it that is
 * kept (the key of `password=…`, the quotes around a value). No pattern has
 * capturing groups of its own: they are numbered when combined.
 */
interface SecretPattern {
  before?: string;
  secret: string;
  after?: string;
}

/** Key names whose value is a secret: `db_password`, `GITHUB_TOKEN`, `client_secret`… */
const SECRET_KEY =
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
    // the body up to the next "-----" only: a header without its END line
    // costs no more than the text up to the next header
    secret:
      '-----BEGIN[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----(?:(?:[^-]|-(?!----)){0,16384}-----END[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----|(?:(?:\\s|\\\\n)+[A-Za-z0-9+/=]{20,})*)',
  },

  { secret: '\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b' },
  { secret: '\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})' },
  { secret: '\\bgl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}' },
  { secret: '\\bxox[abposr]-[A-Za-z0-9-]{10,}' },
  {
    // not from inside a run of token characters: "eyJeyJeyJ…" stays linear
    secret:
      '(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*',
  },
  {
    before: `Authorization["']?[ \\t]*[:=][ \\t]*["']?(?:(?:Bearer|Basic|Token)[ \\t]+|(?!(?:Bearer|Basic|Token)\\b))${NOT_A_SECRET}`,
    secret: `[^\\s"']+`,
  },
  { before: 'Bearer[ \\t]+', secret: '[A-Za-z0-9._~+/-]{16,}=*' },
  {
    // user:password@ in a URL
    before: `(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}://[^\\s:/@"'<>]+:${NOT_A_SECRET}`,
    secret: `[^\\s/@"'<>]+`,
    after: '@',
  },
  {
    before: `${KEY_VALUE}"${NOT_A_SECRET}`,
    secret: '(?:[^"\\\\\\r\\n]|\\\\.)+',
    after: '"',
  },
  { before: `${KEY_VALUE}'${NOT_A_SECRET}`, secret: "[^'\\r\\n]+", after: "'" },
  {
    before: `${KEY_VALUE}${NOT_A_SECRET}`,
    secret: `[^\\s"'=,;&)}\\]][^\\s"',;&)}\\]]*`,
  },
];

/** All patterns in one regex: each alternative captures its `before` and `after`. */
const SECRETS = new RegExp(
  PATTERNS.map(
    p => `(${p.before ?? ''})(?:${p.secret})(${p.after ?? ''})`,
  ).join('|'),
  'gi',
);

/** Replaces every secret the patterns recognise with `marker`. */
export function maskSecretPatterns(text: string, marker: string): string {
  return text.replace(SECRETS, (...args: unknown[]) => {
    // the groups of the alternative that matched are defined, the others not
    for (let i = 1; i < PATTERNS.length * 2; i += 2) {
      if (args[i] !== undefined) {
        return `${args[i]}${marker}${args[i + 1]}`;
      }
    }
    return marker;
  });
}
