import { change, plan } from '../__testUtils__/plans';
import { planChanges } from './planChanges';

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
