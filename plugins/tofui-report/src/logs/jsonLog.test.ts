import { parseTerraformLog } from './parseTerraformLog';

/** `terraform apply -json` output, message shapes as Terraform's JSON UI documents them. */
const APPLY_JSON = [
  {
    '@level': 'info',
    '@message': 'Terraform 1.9.8',
    '@module': 'terraform.ui',
    terraform: '1.9.8',
    type: 'version',
    ui: '1.2',
  },
  {
    '@level': 'info',
    '@message': 'aws_s3_bucket.logs: Plan to create',
    type: 'planned_change',
    change: { resource: { addr: 'aws_s3_bucket.logs' }, action: 'create' },
  },
  {
    '@level': 'info',
    '@message': 'aws_instance.web: Plan to create',
    type: 'planned_change',
    change: { resource: { addr: 'aws_instance.web' }, action: 'create' },
  },
  {
    '@level': 'info',
    '@message': 'Plan: 2 to add, 0 to change, 0 to destroy.',
    type: 'change_summary',
    changes: { add: 2, change: 0, import: 0, remove: 0, operation: 'plan' },
  },
  {
    '@level': 'info',
    '@message': 'aws_s3_bucket.logs: Creating...',
    type: 'apply_start',
    hook: { resource: { addr: 'aws_s3_bucket.logs' }, action: 'create' },
  },
  {
    '@level': 'info',
    '@message': 'aws_instance.web: Creating...',
    type: 'apply_start',
    hook: { resource: { addr: 'aws_instance.web' }, action: 'create' },
  },
  {
    '@level': 'info',
    '@message': 'aws_s3_bucket.logs: Creation complete after 2s [id=acme-logs]',
    type: 'apply_complete',
    hook: {
      resource: { addr: 'aws_s3_bucket.logs' },
      action: 'create',
      id_key: 'id',
      id_value: 'acme-logs',
      elapsed_seconds: 2,
    },
  },
  {
    '@level': 'error',
    '@message': 'Error: creating EC2 Instance: UnauthorizedOperation',
    type: 'diagnostic',
    diagnostic: {
      severity: 'error',
      summary: 'creating EC2 Instance: UnauthorizedOperation',
      detail: 'You are not authorized to perform this operation.',
      address: 'aws_instance.web',
      range: {
        filename: 'main.tf',
        start: { line: 12, column: 1, byte: 200 },
        end: { line: 12, column: 30, byte: 229 },
      },
    },
  },
]
  .map(m => JSON.stringify(m))
  .join('\n');

describe('parseTerraformLog on -json output', () => {
  it('reads per-resource results and diagnostics as from the console', () => {
    const log = parseTerraformLog(APPLY_JSON);
    expect(log.kind).toBe('apply');
    expect(log.outcome).toBe('failed');
    expect(log.resources).toEqual([
      expect.objectContaining({
        address: 'aws_s3_bucket.logs',
        action: 'create',
        status: 'complete',
        id: 'acme-logs',
        durationSeconds: 2,
      }),
      expect.objectContaining({
        address: 'aws_instance.web',
        action: 'create',
      }),
    ]);
    expect(log.errors).toEqual([
      expect.objectContaining({
        summary: 'creating EC2 Instance: UnauthorizedOperation',
        address: 'aws_instance.web',
        file: 'main.tf',
        line: 12,
        detail: expect.stringContaining('not authorized'),
      }),
    ]);
    expect(log.plan).toMatchObject({ add: 2, change: 0 });
  });

  it('leaves console logs that merely start with a brace alone', () => {
    const log = parseTerraformLog(
      '{ not json\nApply complete! Resources: 1 added, 0 changed, 0 destroyed.\n',
    );
    expect(log.outcome).toBe('succeeded');
  });
});
