import type { Plan } from '../plan/types';
import { parseTerraformLog } from './parseTerraformLog';

/**
 * The plan a log alone stands for (an apply, or a failed init/validate/plan
 * with no plan JSON): no resource changes, errored when the log shows a
 * failed run. Rendered with that log, the report shows the log's errors
 * first and, for an apply, what happened to each resource. The CLI and the
 * backend both render log-only reports from it.
 *
 * @public
 */
export function planFromLog(log: string): Plan {
  const parsed = parseTerraformLog(log);
  return {
    format_version: '1.2',
    resource_changes: [],
    errored: parsed.errors.length > 0,
  };
}
