import { addressGlob } from './addressGlob';

const matches = (glob: string, address: string) =>
  new RegExp(addressGlob(glob).regex).test(address);

describe('addressGlob', () => {
  it('matches * within one segment and ** across segments', () => {
    expect(matches('aws_iam_role.*', 'aws_iam_role.ci')).toBe(true);
    expect(matches('aws_iam_role.*', 'module.a.aws_iam_role.ci')).toBe(false);
    expect(matches('module.*.aws_iam_role.*', 'module.a.aws_iam_role.ci')).toBe(
      true,
    );
    expect(
      matches('**.aws_iam_role.*', 'module.a.module.b.aws_iam_role.x'),
    ).toBe(true);
    // `**.` also matches no segment: the root module's resources
    expect(matches('**.aws_iam_role.*', 'aws_iam_role.x')).toBe(true);
    expect(matches('**.aws_iam_role.*', 'xaws_iam_role.x')).toBe(false);
    expect(matches('module.**.aws_vpc.*', 'module.a.module.b.aws_vpc.m')).toBe(
      true,
    );
    expect(addressGlob('**.aws_iam_role.*').like).toBe('%aws\\_iam\\_role.%');
    expect(matches('module.net.*', 'module.net.aws_vpc.main')).toBe(false);
    expect(matches('module.net.**', 'module.net.aws_vpc.main')).toBe(true);
  });

  it('takes everything else literally', () => {
    expect(matches('aws_instance.web[0]', 'aws_instance.web[0]')).toBe(true);
    expect(matches('aws_instance.web[0]', 'aws_instance.web0')).toBe(false);
    expect(matches('a.b', 'axb')).toBe(false);
    expect(addressGlob('a_b%.*').like).toBe('a\\_b\\%.%');
  });

  it('names the resource type when the glob fixes it', () => {
    expect(addressGlob('module.net.aws_iam_role.*').type).toBe('aws_iam_role');
    expect(addressGlob('**.aws_iam_role.ci*').type).toBe('aws_iam_role');
    expect(addressGlob('data.aws_ami.*').type).toBe('aws_ami');
    expect(addressGlob('aws_instance.web[0]').type).toBe('aws_instance');
    for (const open of ['module.net.**', 'aws_*.x', '**', 'module.*', 'a']) {
      expect(addressGlob(open).type).toBeUndefined();
    }
  });

  it('refuses *** (400)', () => {
    expect(() => addressGlob('a.***')).toThrow('address');
  });
});
