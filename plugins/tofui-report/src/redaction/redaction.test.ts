import { REDACTED } from '../plan/redacted';
import { planRedactionReport, redactPlan } from '../plan/redactPlan';
import type { Plan } from '../plan/types';
import { maskLog } from '../logs/maskLog';
import { readRedactionOptions } from './options';
import { readRedactionReport } from './report';

/** A plan whose one resource has `after` values no sensitivity map marks. */
function planWith(after: Record<string, unknown>): Plan {
  return {
    format_version: '1.2',
    resource_changes: [
      {
        address: 'x.y',
        type: 'x',
        change: { actions: ['create'], before: null, after },
      },
    ],
  };
}

const afterOf = (plan: Plan) => plan.resource_changes![0].change.after as any;

// Built from parts at run time: no secret-scanner should flag this file.
const AWS_KEY = `AKIA${'ABCDEFGHIJ234567'}`;
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const GH = `ghp_${'a1B2c3D4e5F6g7H8i9J0'.repeat(2)}`;
const GL = `glpat-${'x1Y2z3W4v5U6t7S8r9Q0'}`;
const SLACK = `xoxb-${'123456789012-abcdefghij'}`;
const JWT = `eyJhbGciOiJIUzI1NiJ9.${'eyJzdWIiOiIxMjM0NTY3ODkwIn0'}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
const PEM = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1y2z3w4v5u6t7s8r9q0p1o2n3m4\n-----END RSA PRIVATE KEY-----`;
const AZURE_KEY = `${'Zm9vYmFyYmF6cXV4'.repeat(5)}abcd==`;
const GCP_KEY_ID = '0123456789abcdef0123456789abcdef01234567';
const GCP_API = `AIza${'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6q'}`;

describe('the second redaction layer on plan values', () => {
  it.each([
    ['aws-access-key', { tag: AWS_KEY }],
    ['aws-secret-key', { user_data: `aws_secret_access_key = ${AWS_SECRET}` }],
    ['github-token', { description: `token ${GH}` }],
    ['gitlab-token', { tags: { ci: GL } }],
    ['slack-token', { webhook: SLACK }],
    ['jwt', { header: JWT }],
    ['private-key', { tls: PEM }],
    [
      'url-password',
      { endpoint: 'postgres://admin:hunter22@db.example.com/app' },
    ],
    [
      'azure-key',
      {
        connection: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`,
      },
    ],
    [
      'gcp-service-account-key',
      {
        credentials_json: JSON.stringify({
          type: 'service_account',
          private_key_id: GCP_KEY_ID,
        }),
      },
    ],
    ['gcp-api-key', { labels: [GCP_API] }],
  ])('masks %s values and reports them by rule and path', (rule, after) => {
    const redacted = redactPlan(planWith(after));
    const text = JSON.stringify(redacted);
    for (const secret of [
      AWS_KEY,
      AWS_SECRET,
      GH,
      GL,
      SLACK,
      JWT,
      'hunter22',
      AZURE_KEY,
      GCP_KEY_ID,
      GCP_API,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('MIIEowIBAAKCAQEA');
    const report = planRedactionReport(redacted)!;
    expect(report.rules).toEqual({ [rule]: 1 });
    expect(report.paths[0].path).toMatch(/^x\.y \(after\): /);
    expect(report.paths.map(p => p.rule)).toContain(rule);
  });

  it('masks secret-named keys, env name/value pairs and JSON inside strings', () => {
    const redacted = redactPlan(
      planWith({
        password: 'hunter22',
        master_user_secret: ['s3cr3t-one'],
        env: [
          { name: 'DB_PASSWORD', value: 'pa55word' },
          { name: 'LOG_LEVEL', value: 'debug' },
        ],
        container_definitions: JSON.stringify([
          { environment: [{ name: 'API_TOKEN', value: 'tok-123456' }] },
        ]),
        values: ['db:\n  password: yaml-secret\n  host: db.internal\n'],
        secret_arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db',
        password_length: 32,
        secret_name: 'db-credentials',
      }),
    );
    const after = afterOf(redacted);
    expect(after.password).toBe(REDACTED);
    expect(after.master_user_secret).toEqual([REDACTED]);
    expect(after.env).toEqual([
      { name: 'DB_PASSWORD', value: REDACTED },
      { name: 'LOG_LEVEL', value: 'debug' },
    ]);
    expect(JSON.parse(after.container_definitions)).toEqual([
      { environment: [{ name: 'API_TOKEN', value: REDACTED }] },
    ]);
    expect(after.values[0]).toBe(
      `db:\n  password: ${REDACTED}\n  host: db.internal\n`,
    );
    expect(after.secret_arn).toMatch(/^arn:aws:secretsmanager/);
    expect(after.password_length).toBe(32);
    expect(after.secret_name).toBe('db-credentials');
    const report = planRedactionReport(redacted)!;
    expect(report.total).toBe(5);
    expect(report.rules).toEqual({ 'secret-named-key': 5 });
    expect(report.paths.map(p => p.path)).toEqual([
      'x.y (after): password',
      'x.y (after): master_user_secret[0]',
      'x.y (after): env[0].value',
      'x.y (after): container_definitions[0].environment[0].value',
      'x.y (after): values[0]',
    ]);
    // the report names paths, never values
    expect(JSON.stringify(report)).not.toMatch(
      /hunter22|pa55word|tok-123456|yaml-secret/,
    );
  });

  it('masks literals in the configuration, outputs and variables', () => {
    const redacted = redactPlan({
      format_version: '1.2',
      variables: { db_url: { value: 'mysql://root:toor1234@db/app' } },
      output_changes: {
        token: { actions: ['create'], before: null, after: GH },
      },
      configuration: {
        root_module: {
          resources: [
            {
              address: 'x.y',
              expressions: { password: { constant_value: 'literal-pw' } },
            },
          ],
        },
      },
    });
    const text = JSON.stringify(redacted);
    expect(text).not.toMatch(/toor1234|literal-pw/);
    expect(text).not.toContain(GH);
    expect(planRedactionReport(redacted)!.paths.map(p => p.path)).toEqual([
      'var: db_url',
      'output.token (after)',
      'configuration: root_module.resources[0].expressions.password.constant_value',
    ]);
  });

  it('reports a secret at every place it repeats, and masks a clean string nowhere', () => {
    // the clean-string memo must not swallow the second sighting of a secret
    const redacted = redactPlan(
      planWith({
        region: 'eu-west-1',
        tags: { Region: 'eu-west-1', Key: AWS_KEY },
        labels: { zone: 'eu-west-1', copy: AWS_KEY },
      }),
    );
    expect(afterOf(redacted)).toEqual({
      region: 'eu-west-1',
      tags: { Region: 'eu-west-1', Key: REDACTED },
      labels: { zone: 'eu-west-1', copy: REDACTED },
    });
    expect(planRedactionReport(redacted)!.paths.map(p => p.path)).toEqual([
      'x.y (after): tags.Key',
      'x.y (after): labels.copy',
    ]);
  });

  it('keeps what holds no secret as it is, and a key named __proto__ as a key', () => {
    const clean = { name: 'web', ports: [80, 443], nested: { a: ['b'] } };
    const after = JSON.parse(
      `{"clean": ${JSON.stringify(
        clean,
      )}, "__proto__": {"password": "hunter22"}}`,
    );
    const redacted = afterOf(redactPlan(planWith(after)));
    // copied on write: untouched values are the plan's own, not copies
    expect(redacted.clean).toBe(after.clean);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.keys(redacted)).toEqual(['clean', '__proto__']);
    expect(
      Object.getOwnPropertyDescriptor(redacted, '__proto__')!.value,
    ).toEqual({ password: REDACTED });
  });

  it('adds to the report a plan already carries and counts nothing twice', () => {
    const once = redactPlan(planWith({ password: 'hunter22' }));
    const twice = redactPlan(once);
    expect(planRedactionReport(twice)).toEqual(planRedactionReport(once));
    expect(planRedactionReport(twice)!.total).toBe(1);
  });

  it('keeps allow-listed values, applies rules of one s own, and can be off', () => {
    const options = readRedactionOptions({
      allow: ['not-a-real-pw'],
      rules: [{ name: 'acme-key', pattern: 'ACME-[0-9]{6}' }],
    });
    const redacted = redactPlan(
      planWith({ password: 'not-a-real-pw', note: 'key ACME-123456 here' }),
      { redaction: options },
    );
    expect(afterOf(redacted)).toEqual({
      password: 'not-a-real-pw',
      note: `key ${REDACTED} here`,
    });
    expect(planRedactionReport(redacted)!.rules).toEqual({ 'acme-key': 1 });
    const off = redactPlan(planWith({ password: 'hunter22' }), {
      redaction: { enabled: false },
    });
    expect(afterOf(off).password).toBe('hunter22');
  });

  it('says which configuration is wrong', () => {
    expect(() => readRedactionOptions({ rules: [{ name: 'x' }] })).toThrow(
      /rules must be a list/,
    );
    expect(() =>
      redactPlan(planWith({}), {
        redaction: { rules: [{ name: 'bad', pattern: '(' }] },
      }),
    ).toThrow(/Redaction rule bad: not a regex/);
  });

  it('reads only the well-formed parts of a stored report', () => {
    expect(
      readRedactionReport({
        total: 99,
        rules: { jwt: 2, bad: -1, worse: 'x' },
        paths: [{ path: 'a', rule: 'jwt' }, { path: 1 }, 'x'],
      }),
    ).toEqual({
      total: 2,
      rules: { jwt: 2 },
      paths: [{ path: 'a', rule: 'jwt' }],
    });
    expect(readRedactionReport('nope')).toBeUndefined();
  });
});

describe('the same rules on logs', () => {
  it('masks secret shapes and the extra rules, keeps the allow-list, counts by rule', () => {
    const seen: string[] = [];
    const log = maskLog(
      `token ${GH}\nconnect ACME-123456\n  password: hunter22\nkey ${AWS_KEY}\n`,
      undefined,
      {
        redaction: {
          rules: [{ name: 'acme-key', pattern: 'ACME-[0-9]{6}' }],
          allow: [AWS_KEY],
        },
        onSecret: rule => seen.push(rule),
      },
    );
    expect(log).toBe(
      `token ${REDACTED}\nconnect ${REDACTED}\n  password: ${REDACTED}\nkey ${AWS_KEY}\n`,
    );
    expect(seen.sort()).toEqual([
      'acme-key',
      'github-token',
      'secret-named-key',
    ]);
  });
});
