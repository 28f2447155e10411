import fs from 'node:fs';
import path from 'node:path';
import { parsePlan } from '../plan/parsePlan';
import { REDACTED } from '../plan/redactPlan';
import { createLogMasker, maskLog } from './maskLog';

// Built at run time, so that no secret scanner takes these for real ones.
const AWS_KEY_ID = `AKIA${'Z7QX'.repeat(4)}`;
const AWS_SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCY'.padEnd(40, 'x');
const GITHUB = `ghp_${'a1B2'.repeat(9)}`;
const GITHUB_PAT = `github_pat_${'11AB_cd'.repeat(8)}`;
const GITLAB = `glpat-${'x_Y-z'.repeat(5)}`;
const SLACK = `xoxb-${'1234-'.repeat(5)}abc`;
const JWT = `eyJ${'hbGciOiJ'.repeat(2)}.eyJ${'zdWIiOi'.repeat(
  3,
)}.${'Sflkw_'.repeat(6)}`;
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEpAIBAAKCAQEA'.repeat(4),
  'q1w2e3r4t5y6u7i8'.repeat(4),
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('maskLog: secrets of known shapes', () => {
  it.each([
    ['an AWS access key id', `key id ${AWS_KEY_ID} used`, 'key id # used'],
    [
      'an AWS secret key',
      `aws_secret_access_key = ${AWS_SECRET}`,
      'aws_secret_access_key = #',
    ],
    [
      'an AWS secret key in JSON',
      `{"SecretAccessKey": "${AWS_SECRET}"}`,
      '{"SecretAccessKey": "#"}',
    ],
    ['a GitHub token', `token is ${GITHUB}.`, 'token is #.'],
    ['a fine-grained GitHub token', `pat ${GITHUB_PAT} ok`, 'pat # ok'],
    ['a GitLab token', `(${GITLAB})`, '(#)'],
    ['a Slack token', `slack ${SLACK} posted`, 'slack # posted'],
    ['a JWT', `id_token ${JWT} end`, 'id_token # end'],
    ['a private key', `key:\n${PEM}\ndone`, 'key:\n#\ndone'],
    [
      'a private key, JSON-escaped',
      `"pem": "${PEM.replace(/\n/g, '\\n')}\\n"`,
      '"pem": "#\\n"',
    ],
    [
      'a private key cut short',
      `${PEM.split('\n').slice(0, 3).join('\n')}\nPlan: 1 to add`,
      '#\nPlan: 1 to add',
    ],
    ['password=', 'psql password=hunter22 -h db', 'psql password=# -h db'],
    [
      'token=',
      'curl "https://x/?token=abc123&page=2"',
      'curl "https://x/?token=#&page=2"',
    ],
    [
      'secret=',
      "export CLIENT_SECRET='s3cr3t value'",
      "export CLIENT_SECRET='#'",
    ],
    [
      'a secret attribute Terraform did not know was one',
      '      + password = "hunter22"',
      '      + password = "#"',
    ],
    ['an API key in YAML', 'api_key: "k-123456"', 'api_key: "#"'],
    [
      'an Authorization header',
      'Authorization: Bearer abc.def-ghi',
      'Authorization: Bearer #',
    ],
    [
      'Basic credentials',
      '-H "authorization: Basic dXNlcjpwYXNz"',
      '-H "authorization: Basic #"',
    ],
    [
      'a bearer token anywhere',
      `sent Bearer ${'Tk9ULUEtVE9LRU4tQVQtQUxM'} to`,
      'sent Bearer # to',
    ],
    [
      'a password in a URL',
      'postgresql://admin:pa55word@db.internal:5432/app',
      'postgresql://admin:#@db.internal:5432/app',
    ],
    [
      'a password in a git URL',
      'git::https://ci:glpat-short@gitlab.example.com/mod.git',
      'git::https://ci:#@gitlab.example.com/mod.git',
    ],
  ])('masks %s', (_what, log, masked) => {
    expect(maskLog(log)).toBe(masked.replace(/#/g, REDACTED));
  });

  it.each([
    ['a plan summary', 'Plan: 1 to add, 0 to change, 0 to destroy.'],
    ['a masked value', '      + password = (sensitive value)'],
    ['an unknown value', '      + token    = (known after apply)'],
    ['a reference in a diagnostic', '  12:   password = var.db_password'],
    ['a literal', '  + secret = null'],
    ['prose about tokens', 'Error: invalid token: the token has expired'],
    [
      'attributes named like secrets',
      '  + secret_name = "db"\n  + token_ttl = 3600',
    ],
    ['a URL with a port', 'https://db.internal:5432/path@v2'],
    ['the word Bearer', 'Bearer tokens are checked'],
    ['an AWS role id', 'AROAZ7QXZ7QXZ7QXZ7QX'],
  ])('leaves %s alone', (_what, log) => {
    expect(maskLog(log)).toBe(log);
  });

  it('changes none of the sample logs, which hold no secret', () => {
    const dir = path.resolve(__dirname, '__fixtures__');
    for (const name of fs.readdirSync(dir).filter(f => f.endsWith('.log'))) {
      const log = fs.readFileSync(path.join(dir, name), 'utf8');
      expect([name, maskLog(log) === log]).toEqual([name, true]);
    }
  });

  it('stays linear on hostile input', () => {
    const started = Date.now();
    for (const unit of [
      'eyJ',
      'a.',
      'password="x ',
      'https://a:b',
      '-----BEGIN PRIVATE KEY-----',
      'Bearer ',
    ]) {
      maskLog(unit.repeat(Math.ceil(1_000_000 / unit.length)));
    }
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('is idempotent', () => {
    const log = [
      `a ${GITHUB} b`,
      'password="x1y2z3"',
      'https://u:p4ss@h/x',
      'Authorization: Bearer abcdefghijklmnop',
      PEM,
    ].join('\n');
    expect(maskLog(maskLog(log))).toBe(maskLog(log));
  });
});

describe('maskLog: values the plan marks sensitive', () => {
  const plan = parsePlan(
    fs.readFileSync(
      path.resolve(__dirname, '../__fixtures__/secrets-plan.json'),
      'utf8',
    ),
  ).plan;

  it('masks every one of them, longest first, and leaves the rest', () => {
    const log = [
      '  # aws_db_instance.main will be updated in-place',
      '      ~ password = "old-hunter2-SECRET" -> "hunter2-SECRET"',
      'debug: {"s":"drifted-hunter2-SECRET"} engine=postgres visible',
      'Plan: 1 to add, 1 to change, 0 to destroy.',
    ].join('\n');
    expect(maskLog(log, plan)).toBe(
      [
        '  # aws_db_instance.main will be updated in-place',
        `      ~ password = "${REDACTED}" -> "${REDACTED}"`,
        `debug: {"s":"${REDACTED}"} engine=postgres visible`,
        'Plan: 1 to add, 1 to change, 0 to destroy.',
      ].join('\n'),
    );
  });

  it('masks values as JSON shows them, and the lines of multi-line values', () => {
    const mask = createLogMasker([
      'pa"ss\\wd-9',
      'pa\\"ss\\\\wd-9',
      'LINE-OF-A-KEY-1234',
    ]);
    expect(
      mask('a pa"ss\\wd-9 b {"v":"pa\\"ss\\\\wd-9"} c LINE-OF-A-KEY-1234'),
    ).toBe(`a ${REDACTED} b {"v":"${REDACTED}"} c ${REDACTED}`);
  });

  it('masks values at the very start and end of the log, side by side', () => {
    const mask = createLogMasker(['abcd', 'abcdef', 'wxyz']);
    expect(mask('abcdefabcdwxyz')).toBe(REDACTED.repeat(3));
    expect(mask('abc')).toBe('abc');
  });

  it('masks the longest value at a place, among values sharing their start', () => {
    const mask = createLogMasker(['abcdef', 'abcdefgh', 'abcdefghijk']);
    expect(mask('abcdefgX abcdefghij abcdefghijk')).toBe(
      `${REDACTED}gX ${REDACTED}ij ${REDACTED}`,
    );
  });

  it('stays fast with many values sharing a long start, found often', () => {
    const prefix = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:';
    const values = Array.from({ length: 1000 }, (_, i) => `${prefix}db-${i}`);
    // near misses: only the last characters differ
    const log = `${prefix}db-x\n`.repeat(50_000);
    const started = Date.now();
    expect(createLogMasker(values)(`${log}${values[999]}`)).toBe(
      `${log}${REDACTED}`,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('masks 20 MB with 1,000 sensitive values in a few seconds at most', () => {
    const values = Array.from(
      { length: 1000 },
      (_, i) => `sv-${i}-${(i * 7919).toString(36)}-value`,
    );
    const line =
      '  # aws_db_instance.main will be updated in-place\n      ~ engine_version = "14.1" -> "15.2"\n      + password = (sensitive value)\nPlan: 1 to add, 0 to change, 0 to destroy.\n';
    const chunks: string[] = [];
    let planted = 0;
    for (let size = 0, i = 0; size < 20_000_000; size += line.length, i++) {
      const plant = i % 1_000 === 0;
      chunks.push(plant ? `${values[planted++ % 1000]} ${line}` : line);
    }
    const log = chunks.join('');
    const mask = createLogMasker(values);
    const started = Date.now();
    const masked = mask(log);
    const ms = Date.now() - started;
    expect(masked).not.toMatch(/sv-\d+-/);
    expect(masked.split(`${REDACTED}   #`)).toHaveLength(planted + 1);
    // 0.4 to 1.3 s measured here (one busy core); the bound leaves room
    expect(ms).toBeLessThan(10_000);
  });
});

describe('maskLog: secrets the plan does not mark', () => {
  const plan = (environment: Array<{ name: string; value: string }>) =>
    ({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'kubernetes_deployment.app',
          change: {
            actions: ['create'],
            before: null,
            after: { env: environment, image: 'nginx:1.27' },
          },
        },
      ],
    } as any);

  it('masks in the log what the second layer found in the plan, as it is and JSON-escaped', () => {
    const secret = 'pa"ss-unmarked-1234';
    const log = [
      `connecting with ${secret}`,
      `{"value":${JSON.stringify(secret)}}`,
      'image nginx:1.27',
    ].join('\n');
    const masked = maskLog(log, plan([{ name: 'DB_PASSWORD', value: secret }]));
    expect(masked).toBe(
      [
        `connecting with ${REDACTED}`,
        `{"value":"${REDACTED}"}`,
        'image nginx:1.27',
      ].join('\n'),
    );
  });

  it('leaves short found values in the log (a guess must not blank common words), and follows the options', () => {
    const log = 'token none, api secret swordfish-42';
    const found = plan([
      { name: 'API_TOKEN', value: 'none' },
      { name: 'API_SECRET', value: 'swordfish-42' },
    ]);
    expect(maskLog(log, found)).toBe(`token none, api secret ${REDACTED}`);
    expect(maskLog(log, found, { redaction: { enabled: false } })).toBe(log);
    expect(
      maskLog(log, found, { redaction: { allow: ['swordfish-\\d+'] } }),
    ).toBe(log);
  });
});
