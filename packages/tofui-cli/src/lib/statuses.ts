import { ExitCode, CliError } from './exitCodes';

/**
 * Parses repeated `--status type:code` flags (the original tofUI's
 * `--status terraform_plan:2` form) into a statuses object.
 */
export function parseStatusFlags(values: string[]): Record<string, number> {
  const statuses: Record<string, number> = {};
  for (const value of values) {
    const match = /^([A-Za-z0-9_.-]{1,50}):(\d+)$/.exec(value.trim());
    if (!match) {
      throw new CliError(
        `--status must look like type:code (for example terraform_plan:2), got '${value}'`,
        ExitCode.Usage,
      );
    }
    statuses[match[1]] = Number(match[2]);
  }
  return statuses;
}

/**
 * Adds the run's terraform status, as the original tofUI's `--apply-mode`
 * and `--terraform-exit-code` did. A plan records `terraform_plan`, an
 * apply `terraform_apply`. Its code comes from, in order: `--status` for
 * that type, the exit code, or (plans only) the plan's own verdict. A plan's
 * changes say nothing about whether an apply worked, so an apply needs the
 * exit code or `--status terraform_apply:N`.
 */
export function addTerraformStatus(
  statuses: Record<string, number>,
  run: { applyMode?: boolean; exitCode?: string; planCode?: number },
): Record<string, number> {
  const type = run.applyMode ? 'terraform_apply' : 'terraform_plan';
  const given = statuses[type];
  if (run.exitCode !== undefined) {
    const code = terraformStatusCode(run.exitCode, Boolean(run.applyMode));
    if (given !== undefined && given !== code) {
      throw new CliError(
        `--terraform-exit-code ${run.exitCode} means ${type}:${code}, but --status says ${type}:${given}`,
        ExitCode.Usage,
      );
    }
    return { ...statuses, [type]: code };
  }
  if (given !== undefined) {
    return statuses;
  }
  if (run.applyMode) {
    throw new CliError(
      '--apply-mode needs the apply result: --terraform-exit-code N or --status terraform_apply:N',
      ExitCode.Usage,
    );
  }
  return run.planCode === undefined
    ? statuses
    : { ...statuses, terraform_plan: run.planCode };
}

/**
 * Terraform's exit code as a status code. Plans use `-detailed-exitcode`
 * (0 no changes, 1 error, 2 changes); an apply succeeded only with 0. Any
 * other code (a crash, a wrapper's 127) is a failure: 1.
 */
export function terraformStatusCode(exitCode: string, applyMode: boolean) {
  if (!/^\d{1,3}$/.test(exitCode.trim()) || Number(exitCode) > 255) {
    throw new CliError(
      `--terraform-exit-code must be a process exit code (0-255), got '${exitCode}'`,
      ExitCode.Usage,
    );
  }
  const code = Number(exitCode);
  if (code === 0 || (code === 2 && !applyMode)) {
    return code;
  }
  return 1;
}
