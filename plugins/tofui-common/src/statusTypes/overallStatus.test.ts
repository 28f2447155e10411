import { DEFAULT_STATUS_TYPES } from './defaults';
import { deriveOverallStatus, worstOverallStatus } from './overallStatus';

describe('deriveOverallStatus', () => {
  it.each([
    [{ terraform_plan: 0 }, 'passing'],
    [{ terraform_plan: 2, tfsec: 0, tflint: 0 }, 'passing'],
    // the one deliberate change from the original dashboard
    [{ terraform_plan: 1 }, 'failing'],
    [{ terraform_apply: 1, terraform_plan: 2 }, 'failing'],
    [{ tfsec: 2 }, 'failing'],
    // unmapped code or unknown type: never silently passing
    [{ terraform_plan: 7 }, 'unknown'],
    [{ checkov: 0 }, 'unknown'],
    [{ checkov: 0, tfsec: 1 }, 'failing'],
    [{}, 'unknown'],
  ] as const)('%j is %s', (statuses, expected) => {
    expect(deriveOverallStatus(statuses, DEFAULT_STATUS_TYPES)).toBe(expected);
  });

  it('keeps the original labels, emoji and colours', () => {
    const plan = DEFAULT_STATUS_TYPES.find(t => t.key === 'terraform_plan')!;
    expect(plan.mappings['2']).toEqual({
      label: 'Has Changes',
      emoji: '⚠️',
      color: '#bf8700',
      status: 'passing',
    });
    expect(DEFAULT_STATUS_TYPES.map(t => t.key)).toEqual([
      'terraform_plan',
      'terraform_apply',
      'tfsec',
      'tflint',
      'codebuild',
    ]);
  });
});

describe('worstOverallStatus', () => {
  it('lets the worst verdict win', () => {
    expect(worstOverallStatus(['passing', 'failing'])).toBe('failing');
    expect(worstOverallStatus(['passing', 'unknown'])).toBe('unknown');
    expect(worstOverallStatus(['passing', undefined])).toBe('passing');
    expect(worstOverallStatus([undefined])).toBe('unknown');
  });
});
