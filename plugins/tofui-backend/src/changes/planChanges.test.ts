import { change, plan } from '../__testUtils__/plans';
import { parseTerraformLog } from '@tofui/report';
import { logChanges, planChanges } from './planChanges';

describe('planChanges', () => {
  it('keeps one row per changed resource: action, attribute paths, never values', () => {
    const rows = planChanges(
      plan(
        [
          change('aws_s3_bucket.logs', ['create'], null, {
            bucket: 'secret-name',
            tags: { Team: 'net' },
          }),
          change(
            'module.net.aws_iam_role.ci',
            ['update'],
            { name: 'ci', tags: { Team: 'a', Env: 'x' } },
            { name: 'ci', tags: { Team: 'b', Env: 'x' } },
          ),
          change(
            'aws_instance.web',
            ['delete', 'create'],
            { ami: 'ami-1' },
            { ami: 'ami-2' },
            {
              action_reason: 'replace_because_cannot_update',
              change: { replace_paths: [['ami']] },
            },
          ),
          change('aws_instance.db', ['create', 'delete'], { a: 1 }, { a: 2 }),
          change('aws_vpc.main', ['no-op'], { a: 1 }, { a: 1 }),
          change(
            'aws_vpc.new',
            ['no-op'],
            { a: 1 },
            { a: 1 },
            {
              previous_address: 'aws_vpc.old',
            },
          ),
          change(
            'aws_vpc.imported',
            ['no-op'],
            { a: 1 },
            { a: 1 },
            {
              change: { importing: { id: 'vpc-123' } },
            },
          ),
          change('aws_vpc.gone', ['forget'], { a: 1 }, null),
          change('data.aws_ami.x', ['read'], null, { id: 'x' }),
        ],
        [change('aws_sg.web', ['update'], { port: 22 }, { port: 23 })],
      ),
    );
    expect(rows.map(r => [r.address, r.action, r.drift])).toEqual([
      ['aws_s3_bucket.logs', 'create', false],
      ['module.net.aws_iam_role.ci', 'update', false],
      ['aws_instance.web', 'replace', false],
      ['aws_instance.db', 'replace', false],
      ['aws_vpc.new', 'move', false],
      ['aws_vpc.imported', 'import', false],
      ['aws_vpc.gone', 'forget', false],
      ['data.aws_ami.x', 'read', false],
      ['aws_sg.web', 'update', true],
    ]);
    const [bucket, role, web] = rows;
    expect(bucket.attributes).toEqual(['bucket', 'tags.Team']);
    expect(JSON.stringify(rows)).not.toContain('secret-name');
    expect(role).toMatchObject({
      module: 'module.net',
      type: 'aws_iam_role',
      provider: 'registry.opentofu.org/hashicorp/aws',
      attributes: ['tags.Team'],
    });
    expect(web).toMatchObject({
      reason: 'replace_because_cannot_update',
      forcing: ['ami'],
      attributes: ['ami'],
    });
    expect(rows[4].movedFrom).toBe('aws_vpc.old');
    expect(rows[5].importingId).toBe('vpc-123');
  });
});

describe('logChanges', () => {
  // An apply cut short: the bucket created, the database replacement
  // failed, the role update never finished; the data source is only read.
  const APPLY_LOG = `aws_s3_bucket.logs: Creating...
module.db["eu.west"].aws_db_instance.main: Destroying... [id=main-db]
module.db["eu.west"].aws_db_instance.main: Destruction complete after 3s
module.db["eu.west"].aws_db_instance.main: Creating...
aws_s3_bucket.logs: Creation complete after 2s [id=acme-logs]
aws_iam_role.ci: Modifying... [id=ci]
data.aws_caller_identity.me: Reading...
data.aws_caller_identity.me: Read complete after 0s [id=123]
╷
│ Error: creating RDS DB Instance (main-db): InvalidParameterValue
│ 
│   with module.db["eu.west"].aws_db_instance.main,
│   on main.tf line 1, in resource "aws_db_instance" "main":
│    1: resource "aws_db_instance" "main" {
│ 
╵
`;

  it('indexes each resource the apply worked on with its outcome, no attribute paths', () => {
    expect(logChanges(parseTerraformLog(APPLY_LOG))).toEqual([
      {
        address: 'aws_s3_bucket.logs',
        type: 'aws_s3_bucket',
        action: 'create',
        forcing: [],
        attributes: [],
        drift: false,
        outcome: 'complete',
      },
      {
        address: 'module.db["eu.west"].aws_db_instance.main',
        module: 'module.db["eu.west"]',
        type: 'aws_db_instance',
        action: 'replace',
        forcing: [],
        attributes: [],
        drift: false,
        outcome: 'failed',
      },
      {
        address: 'aws_iam_role.ci',
        type: 'aws_iam_role',
        action: 'update',
        forcing: [],
        attributes: [],
        drift: false,
        outcome: 'in-progress',
      },
    ]);
  });

  it('indexes nothing from a log without an apply', () => {
    expect(logChanges(parseTerraformLog('Error: Invalid reference\n'))).toEqual(
      [],
    );
  });
});
