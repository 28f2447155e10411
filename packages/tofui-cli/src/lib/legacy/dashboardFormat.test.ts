import {
  readSlot,
  sanitizeBuildName,
  slotFileName,
  slotTimestamp,
} from './dashboardFormat';

describe('the original dashboard format', () => {
  it('sanitizes build names as the original tofUI did', () => {
    expect(sanitizeBuildName('deploy-123')).toBe('deploy-123');
    expect(sanitizeBuildName('PR #17 plan')).toBe('pr-17-plan');
    expect(sanitizeBuildName('--Release/v1.2__rc--')).toBe('release-v1.2-rc');
  });

  it('names slot files as the original publisher and page did', () => {
    expect(
      slotFileName('IBM-Sports/infrastructure', 'aws_us_east_2', 'test', 3),
    ).toBe('IBM-Sports-infrastructure-aws_us_east_2-test-003.json');
    expect(slotFileName('acme/net', '', '', 7)).toBe(
      'acme-net-_root-build-007.json',
    );
  });

  it('reads a slot without report_type or folder as a build of the root', () => {
    expect(
      readSlot({
        source_repo: 'acme/net',
        build_name: 'b',
        statuses: { tfsec: 0 },
        sanitized_name: 'b',
      }),
    ).toEqual({
      slot: {
        source_repo: 'acme/net',
        folder: '_root',
        report_type: 'build',
        build_name: 'b',
        statuses: { tfsec: 0 },
        sanitized_name: 'b',
      },
    });
  });

  it('says why a file is not a report', () => {
    expect(readSlot([])).toEqual({ error: 'not a report (a JSON object)' });
    expect(readSlot({ build_name: 'b', statuses: {} })).toEqual({
      error: 'no source_repo',
    });
    expect(readSlot({ source_repo: 'a/b', build_name: 'b' })).toEqual({
      error: 'no statuses',
    });
    expect(
      readSlot({
        source_repo: 'a/b',
        build_name: 'b',
        statuses: {},
        report_type: 'apply',
      }),
    ).toEqual({ error: 'report_type must be build or test, not "apply"' });
  });

  it('reads a run time without a zone as UTC, as the publisher wrote it', () => {
    const slot = (timestamp?: string) =>
      slotTimestamp({
        source_repo: 'a/b',
        folder: 'f',
        report_type: 'build',
        build_name: 'b',
        statuses: {},
        timestamp,
      });
    expect(slot('2025-11-25T18:27:36.902365')).toBe(
      '2025-11-25T18:27:36.902365Z',
    );
    expect(slot('2025-11-25T18:27:36.902365Z')).toBe(
      '2025-11-25T18:27:36.902365Z',
    );
    expect(slot('2025-11-25T18:27:36+02:00')).toBe('2025-11-25T18:27:36+02:00');
    expect(slot(undefined)).toBeUndefined();
  });
});
