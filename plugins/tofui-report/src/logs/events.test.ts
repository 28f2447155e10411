import { parseResourceEvent } from './events';

describe('parseResourceEvent', () => {
  it('reads start lines with and without ids', () => {
    expect(parseResourceEvent('aws_instance.web: Creating...')).toEqual({
      kind: 'start',
      action: 'create',
      address: 'aws_instance.web',
    });
    expect(
      parseResourceEvent('aws_instance.web: Destroying... [id=i-123]'),
    ).toEqual({
      kind: 'start',
      action: 'delete',
      address: 'aws_instance.web',
      id: 'i-123',
    });
    expect(
      parseResourceEvent('aws_iam_role.r: Modifying... [name=deployer]'),
    ).toMatchObject({ action: 'update', id: 'deployer' });
    expect(parseResourceEvent('data.aws_ami.x: Reading...')).toMatchObject({
      kind: 'start',
      action: 'read',
      address: 'data.aws_ami.x',
    });
  });

  it('reads progress lines in both wordings', () => {
    expect(
      parseResourceEvent('aws_db.main: Still creating... [10s elapsed]'),
    ).toEqual({
      kind: 'still',
      action: 'create',
      address: 'aws_db.main',
      seconds: 10,
    });
    expect(
      parseResourceEvent(
        'aws_db.main: Still destroying... [id=db-1, 01m20s elapsed]',
      ),
    ).toEqual({
      kind: 'still',
      action: 'delete',
      address: 'aws_db.main',
      id: 'db-1',
      seconds: 80,
    });
  });

  it('reads completion lines with durations', () => {
    expect(
      parseResourceEvent(
        'aws_instance.web: Creation complete after 12s [id=i-123]',
      ),
    ).toEqual({
      kind: 'done',
      action: 'create',
      address: 'aws_instance.web',
      id: 'i-123',
      seconds: 12,
    });
    expect(
      parseResourceEvent('aws_instance.web: Destruction complete after 1m2s'),
    ).toEqual({
      kind: 'done',
      action: 'delete',
      address: 'aws_instance.web',
      seconds: 62,
    });
    expect(
      parseResourceEvent('aws_iam_role.r: Import complete [id=deployer]'),
    ).toEqual({
      kind: 'done',
      action: 'import',
      address: 'aws_iam_role.r',
      id: 'deployer',
    });
  });

  it('keeps the deposed key apart from the address', () => {
    expect(
      parseResourceEvent(
        'aws_lt.app (deposed object 3f2a1b9c): Destroying... [id=lt-1]',
      ),
    ).toEqual({
      kind: 'start',
      action: 'delete',
      address: 'aws_lt.app',
      deposed: '3f2a1b9c',
      id: 'lt-1',
    });
  });

  it('reads refreshes and the legacy import command', () => {
    expect(
      parseResourceEvent('aws_vpc.main: Refreshing state... [id=vpc-1]'),
    ).toEqual({ kind: 'refresh', address: 'aws_vpc.main', id: 'vpc-1' });
    expect(
      parseResourceEvent('aws_instance.old: Importing from ID "i-9"...'),
    ).toEqual({
      kind: 'start',
      action: 'import',
      address: 'aws_instance.old',
      id: 'i-9',
    });
    expect(parseResourceEvent('aws_instance.old: Import prepared!')).toEqual({
      kind: 'done',
      action: 'import',
      address: 'aws_instance.old',
    });
  });

  it('takes quoted keys with dots, spaces, brackets and colons whole', () => {
    expect(
      parseResourceEvent(
        'module.x["a.b c"].aws_s3_bucket.this["k: Creating... ]["]: Creating...',
      ),
    ).toMatchObject({
      address: 'module.x["a.b c"].aws_s3_bucket.this["k: Creating... ]["]',
      action: 'create',
    });
    expect(
      parseResourceEvent('aws_x.y["say \\"hi\\""]: Reading... [id=a]')?.address,
    ).toBe('aws_x.y["say \\"hi\\""]');
  });

  it('ignores provisioner output, ephemeral resources and prose', () => {
    expect(
      parseResourceEvent('null_resource.n (local-exec): aws_x.y: Creating...'),
    ).toBeUndefined();
    expect(
      parseResourceEvent("null_resource.n: Provisioning with 'local-exec'..."),
    ).toBeUndefined();
    expect(
      parseResourceEvent('ephemeral.random_password.p: Opening...'),
    ).toBeUndefined();
    expect(
      parseResourceEvent('aws_x.y: Preparing import... [id=a]'),
    ).toBeUndefined();
    expect(parseResourceEvent('Note: Creating... a thing')).toBeUndefined();
    expect(
      parseResourceEvent('aws_x.y: Creating... later, maybe'),
    ).toBeUndefined();
    expect(
      parseResourceEvent('aws_x.y: Creation complete after soon'),
    ).toBeUndefined();
    expect(
      parseResourceEvent('aws_x.y["unclosed: Creating...'),
    ).toBeUndefined();
  });
});
