import fs from 'node:fs';
import path from 'node:path';
import { parseTerraformLog } from './parseTerraformLog';

function fixture(name: string) {
  return fs.readFileSync(path.resolve(__dirname, '__fixtures__', name), 'utf8');
}

function resource(
  report: ReturnType<typeof parseTerraformLog>,
  address: string,
) {
  const found = report.resources.find(r => r.address === address);
  if (!found) {
    throw new Error(`no resource ${address}`);
  }
  return found;
}

describe('parseTerraformLog: original tofUI samples', () => {
  it('reads the planned changes, counts and outputs of a plan', () => {
    const report = parseTerraformLog(fixture('original-plan-excerpt.log'));
    expect(report.kind).toBe('plan');
    expect(report.outcome).toBe('unknown');
    expect(report.plan).toEqual({
      import: 0,
      add: 9,
      change: 5,
      destroy: 10,
      forget: 0,
    });
    expect(report.planned).toEqual([
      { address: 'aws_cloudwatch_log_group.fraud_prod', action: 'create' },
      { address: 'aws_dynamodb_table.recommend_dev', action: 'update' },
      { address: 'aws_rds_cluster.audit_staging', action: 'replace' },
      {
        address: 'module.web.aws_cloudwatch_log_group.recommend_staging',
        action: 'delete',
      },
    ]);
    expect(report.outputChanges).toEqual([
      { name: 'alb_dns_name', action: 'create' },
      { name: 'cluster_endpoint', action: 'update' },
      { name: 'db_password', action: 'create' },
    ]);
    expect(report.resources).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.noChanges).toBe(false);
  });

  it('reads un-boxed errors with their context and detail', () => {
    const report = parseTerraformLog(fixture('original-plan-errors.log'));
    expect(report.outcome).toBe('failed');
    expect(report.kind).toBe('plan');
    expect(report.warnings).toEqual([]);
    expect(report.errors).toEqual([
      {
        severity: 'error',
        summary: 'Failed to validate terraform configuration',
        detail: '',
      },
      {
        severity: 'error',
        summary: 'Invalid resource type',
        detail: 'This resource type does not support this attribute.',
        file: 'main.tf',
        line: 15,
        block: 'resource "aws_instance" "example"',
      },
      {
        severity: 'error',
        summary: 'Reference to undeclared resource',
        detail:
          'A managed resource "aws_subnet" "nonexistent" has not been declared in the root module.',
        file: 'main.tf',
        line: 23,
      },
    ]);
  });

  it('reads a plan without changes', () => {
    const report = parseTerraformLog(fixture('original-no-changes.log'));
    expect(report.outcome).toBe('no-changes');
    expect(report.noChanges).toBe(true);
    expect(report.kind).toBe('plan');
    expect(report.planned).toEqual([]);
  });
});

describe('parseTerraformLog: OpenTofu apply with imports, replacements and a forget', () => {
  const report = parseTerraformLog(fixture('opentofu-apply.log'));

  it('gives the outcome and both summaries', () => {
    expect(report.kind).toBe('apply');
    expect(report.outcome).toBe('succeeded');
    expect(report.plan).toEqual({
      import: 1,
      add: 2,
      change: 1,
      destroy: 2,
      forget: 1,
    });
    expect(report.applied).toEqual({
      import: 1,
      add: 2,
      change: 1,
      destroy: 2,
      forget: 1,
    });
    expect(report.errors).toEqual([]);
  });

  it('lists every resource in the order first seen', () => {
    expect(report.resources.map(r => [r.address, r.action, r.status])).toEqual([
      ['data.aws_ami.ubuntu', 'read', 'complete'],
      ['aws_iam_role.deployer', 'import', 'complete'],
      ['aws_launch_template.app', 'replace', 'complete'],
      ['aws_instance.web', 'replace', 'complete'],
      ['aws_security_group.web', 'update', 'complete'],
    ]);
  });

  it('tells the two replacement orders apart and keeps the new id', () => {
    expect(resource(report, 'aws_instance.web')).toEqual({
      address: 'aws_instance.web',
      action: 'replace',
      actions: ['delete', 'create'],
      replaceOrder: 'delete-first',
      status: 'complete',
      id: 'i-0bbb3333cccc4444d',
      durationSeconds: 74,
    });
    expect(resource(report, 'aws_launch_template.app')).toEqual({
      address: 'aws_launch_template.app',
      action: 'replace',
      actions: ['create', 'delete'],
      replaceOrder: 'create-first',
      status: 'complete',
      id: 'lt-0fedcba9876543210',
      durationSeconds: 3,
    });
  });

  it('reads imports, updates and data sources', () => {
    expect(resource(report, 'aws_iam_role.deployer')).toEqual({
      address: 'aws_iam_role.deployer',
      action: 'import',
      actions: ['import'],
      status: 'complete',
      id: 'deployer',
    });
    expect(resource(report, 'aws_security_group.web')).toMatchObject({
      actions: ['update'],
      id: 'sg-0123456789abcdef0',
      durationSeconds: 1,
    });
    expect(resource(report, 'data.aws_ami.ubuntu')).toMatchObject({
      id: 'ami-0c55b159cbfafe1f0',
      durationSeconds: 1,
    });
  });

  it('reads the plan part: refreshes, planned changes with forget, outputs', () => {
    expect(report.refreshed).toEqual([
      { address: 'aws_vpc.main', id: 'vpc-0a1b2c3d4e5f60718' },
      { address: 'aws_s3_bucket.legacy', id: 'legacy-artifacts' },
      { address: 'aws_instance.web', id: 'i-0aaa1111bbbb2222c' },
      { address: 'aws_launch_template.app', id: 'lt-0123456789abcdef0' },
      { address: 'aws_security_group.web', id: 'sg-0123456789abcdef0' },
    ]);
    expect(report.planned.map(p => [p.address, p.action])).toEqual([
      ['aws_iam_role.deployer', 'import'],
      ['aws_instance.web', 'replace'],
      ['aws_launch_template.app', 'replace'],
      ['aws_s3_bucket.legacy', 'forget'],
      ['aws_security_group.web', 'update'],
    ]);
    expect(report.outputChanges).toEqual([
      { name: 'web_public_ip', action: 'update' },
    ]);
  });

  it('keeps the warning apart from errors, detail lines intact', () => {
    expect(report.warnings).toEqual([
      {
        severity: 'warning',
        summary: 'Some objects will no longer be managed by OpenTofu',
        detail: [
          'If you apply this plan, OpenTofu will discard its tracking information for',
          'the following objects, but it will not delete them:',
          ' - aws_s3_bucket.legacy',
          '',
          'After applying this plan, OpenTofu will no longer manage these objects. You',
          'will need to import them into OpenTofu to manage them again.',
        ].join('\n'),
      },
    ]);
  });

  it('gives the same report for CRLF line ends', () => {
    const crlf = fixture('opentofu-apply.log').replace(/\n/g, '\r\n');
    expect(parseTerraformLog(crlf)).toEqual(report);
  });
});

describe('parseTerraformLog: failed Terraform apply', () => {
  const report = parseTerraformLog(fixture('terraform-apply-failed.log'));

  it('fails the resource the error names and keeps how long it ran', () => {
    expect(report.outcome).toBe('failed');
    expect(report.kind).toBe('apply');
    expect(report.applied).toBeUndefined();
    expect(resource(report, 'aws_db_instance.main')).toEqual({
      address: 'aws_db_instance.main',
      action: 'create',
      actions: ['create'],
      status: 'failed',
      elapsedSeconds: 30,
    });
  });

  it('keeps the resources that completed', () => {
    expect(
      report.resources.map(r => [r.address, r.status, r.durationSeconds]),
    ).toEqual([
      ['data.aws_availability_zones.available', 'complete', 0],
      ['aws_s3_bucket.logs', 'complete', 2],
      ['aws_db_instance.main', 'failed', undefined],
      ['aws_s3_bucket_versioning.logs', 'complete', 1],
    ]);
    expect(resource(report, 'aws_s3_bucket.logs').id).toBe('acme-prod-logs');
  });

  it('reads the boxed error with its context', () => {
    expect(report.errors).toEqual([
      {
        severity: 'error',
        summary:
          'creating RDS DB Instance (main-db): operation error RDS: CreateDBInstance, https response error StatusCode: 400, RequestID: 0f2c4a8e-5b1d-4c3e-9a7f-1e2d3c4b5a69, api error InvalidParameterCombination: Cannot find version 16.1 for postgres',
        detail: '',
        address: 'aws_db_instance.main',
        file: 'main.tf',
        line: 12,
        block: 'resource "aws_db_instance" "main"',
      },
    ]);
  });

  it('reads the boxed warning without the source snippet', () => {
    expect(report.warnings).toEqual([
      {
        severity: 'warning',
        summary: 'Argument is deprecated',
        detail:
          'Use the aws_s3_bucket_acl resource instead\n\n(and one more similar warning elsewhere)',
        address: 'aws_s3_bucket.logs',
        file: 'storage.tf',
        line: 3,
        block: 'resource "aws_s3_bucket" "logs"',
      },
    ]);
    expect(report.plan).toEqual({
      import: 0,
      add: 3,
      change: 0,
      destroy: 0,
      forget: 0,
    });
  });

  it('leaves resources still running when no error names them', () => {
    const cut = fixture('terraform-apply-failed.log').split('╷\n│ Error')[0];
    const partial = parseTerraformLog(cut);
    expect(resource(partial, 'aws_db_instance.main').status).toBe(
      'in-progress',
    );
    expect(partial.outcome).toBe('unknown');
  });
});

describe('parseTerraformLog: ANSI colours', () => {
  const coloured = fixture('terraform-apply-ansi.log');

  it('reads a coloured log as if it were plain', () => {
    expect(coloured).toContain('\u001b[');
    const report = parseTerraformLog(coloured);
    expect(report.outcome).toBe('succeeded');
    expect(report.applied).toEqual({
      import: 0,
      add: 0,
      change: 1,
      destroy: 0,
      forget: 0,
    });
    expect(report.plan?.change).toBe(1);
    expect(report.planned).toEqual([
      { address: 'aws_instance.web', action: 'update' },
    ]);
    expect(report.resources).toEqual([
      {
        address: 'aws_instance.web',
        action: 'update',
        actions: ['update'],
        status: 'complete',
        id: 'i-0123456789abcdef0',
        durationSeconds: 14,
      },
    ]);
    expect(report.refreshed).toEqual([
      { address: 'aws_instance.web', id: 'i-0123456789abcdef0' },
    ]);
    expect(report.warnings).toEqual([
      {
        severity: 'warning',
        summary: 'Value for undeclared variable',
        detail:
          'The root module does not declare a variable named "region" but a value was\nfound in file "terraform.tfvars".',
      },
    ]);
  });

  it('reads the same when the ESC bytes were lost on the way', () => {
    const mangled = coloured.split('\u001b').join('');
    expect(parseTerraformLog(mangled)).toEqual(parseTerraformLog(coloured));
  });
});

describe('parseTerraformLog: imports', () => {
  it('reads config-driven imports, with and without changes', () => {
    const report = parseTerraformLog(fixture('terraform-import.log'));
    expect(report.outcome).toBe('succeeded');
    expect(report.applied).toEqual({
      import: 2,
      add: 0,
      change: 1,
      destroy: 0,
      forget: 0,
    });
    expect(report.plan?.import).toBe(2);
    expect(report.planned).toEqual([
      {
        address: 'aws_iam_role.deployer',
        action: 'update',
        importId: 'deployer',
      },
      { address: 'aws_s3_bucket.assets', action: 'import' },
    ]);
    expect(report.resources).toEqual([
      {
        address: 'aws_s3_bucket.assets',
        action: 'import',
        actions: ['import'],
        status: 'complete',
        id: 'acme-assets',
      },
      {
        address: 'aws_iam_role.deployer',
        action: 'update',
        actions: ['import', 'update'],
        status: 'complete',
        id: 'deployer',
        durationSeconds: 3,
      },
    ]);
    expect(report.refreshed.map(r => r.address)).toEqual([
      'aws_iam_role.deployer',
      'aws_s3_bucket.assets',
    ]);
  });

  it('reads the legacy `terraform import` command', () => {
    const report = parseTerraformLog(
      [
        'aws_instance.legacy: Importing from ID "i-0123456789abcdef0"...',
        'aws_instance.legacy: Import prepared!',
        '  Prepared aws_instance for import',
        'aws_instance.legacy: Refreshing state... [id=i-0123456789abcdef0]',
        '',
        'Import successful!',
      ].join('\n'),
    );
    expect(report.resources).toEqual([
      {
        address: 'aws_instance.legacy',
        action: 'import',
        actions: ['import'],
        status: 'complete',
        id: 'i-0123456789abcdef0',
      },
    ]);
    expect(report.kind).toBe('apply');
  });
});

describe('parseTerraformLog: forgets', () => {
  it('reads Terraform and OpenTofu forget plans and the forgotten count', () => {
    const report = parseTerraformLog(
      [
        ' # aws_s3_bucket.a will no longer be managed by Terraform, but will not be destroyed',
        ' # (destroy = false is set in the configuration)',
        '  # aws_s3_bucket.b will be removed from the OpenTofu state but will not be destroyed',
        '',
        'Plan: 0 to add, 0 to change, 0 to destroy, 2 to forget.',
        '',
        'Apply complete! Resources: 0 added, 0 changed, 0 destroyed, 2 forgotten.',
      ].join('\n'),
    );
    expect(report.planned).toEqual([
      { address: 'aws_s3_bucket.a', action: 'forget' },
      { address: 'aws_s3_bucket.b', action: 'forget' },
    ]);
    expect(report.plan?.forget).toBe(2);
    expect(report.applied?.forget).toBe(2);
    expect(report.outcome).toBe('succeeded');
    expect(report.kind).toBe('apply');
  });
});

describe('parseTerraformLog: weird addresses', () => {
  const report = parseTerraformLog(fixture('weird-addresses.log'));

  it('keeps quoted keys with dots, spaces, brackets and colons whole', () => {
    expect(report.resources.map(r => [r.address, r.action, r.status])).toEqual([
      ['module.y["x: Creating..."].null_resource.n[0]', 'create', 'complete'],
      [
        'aws_route53_record.this["[weird] key \\"quoted\\""]',
        'update',
        'complete',
      ],
      ['module.naïve["ü"].aws_sqs_queue.q', 'delete', 'complete'],
      ['module.x["a.b c"].aws_s3_bucket_policy.this["k"]', 'create', 'failed'],
    ]);
    expect(report.refreshed).toEqual([
      { address: 'module.x["a.b c"].aws_s3_bucket.this["k"]', id: 'a.b-c-k' },
    ]);
  });

  it('reads durations and ids, and does not take provisioner output for progress', () => {
    expect(
      resource(report, 'aws_route53_record.this["[weird] key \\"quoted\\""]'),
    ).toMatchObject({ durationSeconds: 3603, id: 'Z123_www.example.com_A' });
    expect(resource(report, 'module.naïve["ü"].aws_sqs_queue.q')).toMatchObject(
      {
        id: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q',
        durationSeconds: 0,
      },
    );
    expect(report.resources.some(r => r.address === 'aws_instance.fake')).toBe(
      false,
    );
  });

  it('matches the error to the resource by its full address', () => {
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({
      address: 'module.x["a.b c"].aws_s3_bucket_policy.this["k"]',
      file: 'modules/bucket/main.tf',
      line: 40,
    });
    expect(report.planned.map(p => p.action)).toEqual([
      'update',
      'create',
      'create',
      'delete',
    ]);
    expect(report.planned[3].address).toBe('module.naïve["ü"].aws_sqs_queue.q');
  });
});

describe('parseTerraformLog: older and partial output', () => {
  it('fails a resource named only by an un-boxed error\u2019s `in resource`', () => {
    const report = parseTerraformLog(
      [
        'aws_instance.web[0]: Creating...',
        'aws_instance.web[1]: Creating...',
        'aws_instance.web[1]: Creation complete after 31s [id=i-1]',
        '',
        "Error: Error launching source instance: InvalidKeyPair.NotFound: The key pair 'deployer' does not exist",
        '\tstatus code: 400, request id: 5c9e1f2a',
        '',
        '  on main.tf line 5, in resource "aws_instance" "web":',
        '   5: resource "aws_instance" "web" {',
        '',
      ].join('\n'),
    );
    expect(report.resources.map(r => [r.address, r.status])).toEqual([
      ['aws_instance.web[0]', 'failed'],
      ['aws_instance.web[1]', 'complete'],
    ]);
    expect(report.errors).toEqual([
      {
        severity: 'error',
        summary:
          "Error launching source instance: InvalidKeyPair.NotFound: The key pair 'deployer' does not exist",
        detail: '\tstatus code: 400, request id: 5c9e1f2a',
        file: 'main.tf',
        line: 5,
        block: 'resource "aws_instance" "web"',
      },
    ]);
  });

  it('matches the deposed destroy of a create-before-destroy, progress lines included', () => {
    const report = parseTerraformLog(
      [
        'aws_lb.main: Creating...',
        'aws_lb.main: Creation complete after 2m30s [id=arn:new]',
        'aws_lb.main (deposed object 9d8c7b6a): Destroying... [id=arn:old]',
        'aws_lb.main: Still destroying... [id=arn:old, 10s elapsed]',
        'aws_lb.main (deposed object 9d8c7b6a): Destruction complete after 12s',
        '',
        'Apply complete! Resources: 1 added, 0 changed, 1 destroyed.',
      ].join('\n'),
    );
    expect(report.resources).toEqual([
      {
        address: 'aws_lb.main',
        action: 'replace',
        actions: ['create', 'delete'],
        replaceOrder: 'create-first',
        status: 'complete',
        id: 'arn:new',
        durationSeconds: 162,
      },
    ]);
  });

  it('counts progress seen without its start line (log cut at the top)', () => {
    const report = parseTerraformLog(
      [
        'aws_eks_cluster.main: Still creating... [9m50s elapsed]',
        'aws_eks_cluster.main: Creation complete after 9m58s [id=main]',
        'aws_rds_cluster.db: Still modifying... [id=db, 2m0s elapsed]',
      ].join('\n'),
    );
    expect(report.resources).toEqual([
      {
        address: 'aws_eks_cluster.main',
        action: 'create',
        actions: ['create'],
        status: 'complete',
        id: 'main',
        durationSeconds: 598,
      },
      {
        address: 'aws_rds_cluster.db',
        action: 'update',
        actions: ['update'],
        status: 'in-progress',
        id: 'db',
        elapsedSeconds: 120,
      },
    ]);
  });

  it('calls an apply without changes no-changes, and a destroy a success', () => {
    const none = parseTerraformLog(
      'No changes. Your infrastructure matches the configuration.\n\nApply complete! Resources: 0 added, 0 changed, 0 destroyed.\n',
    );
    expect(none.outcome).toBe('no-changes');
    expect(none.kind).toBe('apply');
    const destroy = parseTerraformLog(
      'aws_instance.web: Destroying... [id=i-1]\naws_instance.web: Destruction complete after 30s\n\nDestroy complete! Resources: 1 destroyed.\n',
    );
    expect(destroy.outcome).toBe('succeeded');
    expect(destroy.applied?.destroy).toBe(1);
    expect(destroy.resources[0]).toMatchObject({
      action: 'delete',
      id: 'i-1',
      durationSeconds: 30,
    });
  });

  it('splits box lines that lost their ╷ ╵ frames into separate diagnostics', () => {
    const report = parseTerraformLog(
      [
        '│ Warning: First',
        '│ ',
        '│ one',
        '│ Error: Second',
        '│ two',
        'after the box',
      ].join('\n'),
    );
    expect(report.warnings).toEqual([
      { severity: 'warning', summary: 'First', detail: 'one' },
    ]);
    expect(report.errors).toEqual([
      { severity: 'error', summary: 'Second', detail: 'two' },
    ]);
  });
});
