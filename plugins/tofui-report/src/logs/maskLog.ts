import { REDACTED } from '../plan/redactPlan';
import { sensitiveValues } from '../plan/sensitiveValues';
import type { Plan } from '../plan/types';
import { literalMasker } from './literalMasker';
import { maskSecretPatterns } from './secretPatterns';

/**
 * A function that masks a log: every one of `sensitive` (the values a plan
 * marks sensitive, see {@link sensitiveValues}) and every secret of a known
 * shape (cloud and Git host tokens, private keys, JWTs, bearer tokens,
 * passwords in URLs, `password=`/`token=`/`secret=` values) becomes
 * {@link REDACTED}. Values under 4 characters are not looked for (see
 * sensitiveValues). Built once, it masks any number of logs.
 *
 * @public
 */
export function createLogMasker(
  sensitive: Iterable<string> = [],
): (log: string) => string {
  const maskValues = literalMasker(
    [...sensitive].filter(value => value !== REDACTED),
  );
  return log => maskSecretPatterns(maskValues(log, REDACTED), REDACTED);
}

/**
 * The log with every secret masked: the values `plan` marks sensitive, when
 * the plan of the same run is at hand, and secrets of known shapes always.
 * See {@link createLogMasker}.
 *
 * @public
 */
export function maskLog(log: string, plan?: Plan): string {
  return createLogMasker(plan ? sensitiveValues(plan) : [])(log);
}
