import { addTerraformStatus, terraformStatusCode } from './statuses';

describe('terraformStatusCode', () => {
  it.each([
    ['0', false, 0],
    ['1', false, 1],
    ['2', false, 2],
    ['127', false, 1],
    ['0', true, 0],
    ['1', true, 1],
    ['2', true, 1],
    ['255', true, 1],
  ])('exit code %s (apply: %s) records %i', (exitCode, apply, status) => {
    expect(terraformStatusCode(exitCode, apply)).toBe(status);
  });

  it('refuses what is not an exit code', () => {
    for (const bad of ['', '-1', '256', 'two', '1.5']) {
      expect(() => terraformStatusCode(bad, false)).toThrow(
        expect.objectContaining({ exitCode: 2 }),
      );
    }
  });
});

describe('addTerraformStatus', () => {
  it('records terraform_plan from the exit code, over the plan', () => {
    expect(
      addTerraformStatus({ tfsec: 0 }, { exitCode: '1', planCode: 2 }),
    ).toEqual({ tfsec: 0, terraform_plan: 1 });
    expect(addTerraformStatus({}, { planCode: 2 })).toEqual({
      terraform_plan: 2,
    });
    expect(addTerraformStatus({}, {})).toEqual({});
  });

  it('records terraform_apply in apply mode, never from the plan', () => {
    expect(
      addTerraformStatus({}, { applyMode: true, exitCode: '3', planCode: 0 }),
    ).toEqual({ terraform_apply: 1 });
    expect(() =>
      addTerraformStatus({}, { applyMode: true, planCode: 2 }),
    ).toThrow(/--apply-mode needs the apply result/);
  });

  it('lets --status agree with the exit code, not contradict it', () => {
    // the original tofUI's apply example passes both
    expect(
      addTerraformStatus(
        { terraform_apply: 0 },
        { applyMode: true, exitCode: '0' },
      ),
    ).toEqual({ terraform_apply: 0 });
    expect(
      addTerraformStatus({ terraform_apply: 1 }, { applyMode: true }),
    ).toEqual({ terraform_apply: 1 });
    expect(() =>
      addTerraformStatus({ terraform_plan: 0 }, { exitCode: '2' }),
    ).toThrow(
      '--terraform-exit-code 2 means terraform_plan:2, but --status says terraform_plan:0',
    );
  });
});
