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
