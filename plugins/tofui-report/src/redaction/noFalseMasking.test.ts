import fs from 'node:fs';
import path from 'node:path';
import {
  fixtureSources,
  generatedPlan,
  planGenerators,
} from '../__testUtils__/fixtureSources';
import { createLogMasker } from '../logs/maskLog';
import { parsePlan } from '../plan/parsePlan';
import { planRedactionReport, redactPlan } from '../plan/redactPlan';

/**
 * Ordinary values that must stay visible: ids, ARNs, hashes, URLs without
 * credentials, under ordinary and secret-sounding keys alike.
 */
const ORDINARY: Record<string, string> = {
  arn: 'arn:aws:iam::123456789012:role/deploy',
  secret_arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
  kms_key_id:
    'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  ami: 'ami-0c55b159cbfafe1f0',
  id: 'i-0abcd1234efgh5678',
  subnet_id: 'subnet-0a1b2c3d4e5f67890',
  vpc_id: 'vpc-0123456789abcdef0',
  secret_id: 'prod/db/credentials',
  secret_name: 'db-credentials',
  token_key_ref: 'api',
  etag: 'd41d8cd98f00b204e9800998ecf8427e',
  source_hash:
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  commit: '3c2563a',
  url: 'https://example.com/path?query=1',
  repository_url: 'https://github.com/acme/infrastructure.git',
  endpoint: 'postgres://db.internal:5432/app',
  docker_image:
    'registry.example.com/team/app@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  key_vault_id:
    '/subscriptions/cc312684/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
  description: 'Rotates the token every 30 days; see the password policy.',
  password_length: '32',
  token_type: 'Bearer',
  iam_policy: JSON.stringify({
    Statement: [{ Action: ['secretsmanager:GetSecretValue'], Resource: '*' }],
  }),
};

const planFiles = (sub: string) =>
  fixtureSources(sub).flatMap(([, dir]) =>
    fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.json'))
      .map(f => path.join(dir, f)),
  );

describe('no false masking', () => {
  it('keeps every ordinary value listed, under any key', () => {
    const plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'x.y',
          change: {
            actions: ['create' as const],
            before: null,
            after: ORDINARY,
          },
        },
      ],
    };
    const redacted = redactPlan(plan);
    expect(redacted.resource_changes![0].change.after).toEqual(ORDINARY);
    expect(planRedactionReport(redacted)!.total).toBe(0);
    const log = Object.entries(ORDINARY)
      .map(([k, v]) => `  + ${k} = "${v}"`)
      .join('\n');
    // in a log `secret_id = "…"` is masked by its key: only the values are checked
    const values = Object.values(ORDINARY).join('\n');
    expect(createLogMasker()(values)).toBe(values);
    expect(log).toContain('ami-0c55b159cbfafe1f0');
  });

  const plans: Array<[string, string]> = [
    ...planFiles('opentofu-show-json'),
    ...fixtureSources('original-tofui').flatMap(([, dir]) =>
      fs.existsSync(path.join(dir, 'sample-plan.json'))
        ? [path.join(dir, 'sample-plan.json')]
        : [],
    ),
  ].map(file => [
    path.relative(path.resolve(__dirname, '../../../..'), file),
    fs.readFileSync(file, 'utf8'),
  ]);
  for (const generator of planGenerators()) {
    for (const seed of [1, 2, 3]) {
      plans.push([
        `make-plan (${generator}) --seed ${seed}`,
        generatedPlan(generator, {
          resources: 200,
          seed,
          secret: 'S3cret-Value-42',
        }),
      ]);
    }
  }

  it.each(plans)(
    '%s: the second layer masks nothing the plan does not mark',
    (_name, text) => {
      const { plan } = parsePlan(text);
      const layered = redactPlan(plan);
      const firstOnly = redactPlan(plan, { redaction: { enabled: false } });
      expect(planRedactionReport(layered)).toEqual({
        total: 0,
        rules: {},
        paths: [],
      });
      const { tofui_redaction: _a, ...a } = layered;
      const { tofui_redaction: _b, ...b } = firstOnly;
      expect(a).toEqual(b);
    },
  );

  const logs = fixtureSources('original-tofui').flatMap(([, dir]) =>
    fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.log'))
      .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')] as const),
  );
  it.each(logs)('%s: log patterns mask nothing', (_name, log) => {
    const seen: string[] = [];
    expect(createLogMasker([], { onSecret: r => seen.push(r) })(log)).toBe(log);
    expect(seen).toEqual([]);
  });
});
