import { REDACTED } from '../plan/redacted';
import { redactPlanAndSecrets } from '../plan/redactPlan';
import type { Plan } from '../plan/types';
import { literalMasker } from './literalMasker';
import type { RedactionOptions } from '../redaction/options';
import { RedactionRecorder, type RedactionReport } from '../redaction/report';
import { createPatternMasker, type OnSecret } from './secretPatterns';

/** How a log is masked besides the plan's values. @public */
export interface LogMaskOptions {
  /** Extra rules and allow-list, as for plans (`tofui.redaction`). */
  redaction?: RedactionOptions;
  /** Told of each secret of a known shape masked, by rule. */
  onSecret?: OnSecret;
}

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
  options: LogMaskOptions = {},
): (log: string) => string {
  const maskValues = literalMasker(
    [...sensitive].filter(value => value !== REDACTED),
  );
  // shapes are masked in logs even with the plan layer off: they always were
  const maskPatterns = createPatternMasker(options.redaction);
  return log =>
    maskPatterns(maskValues(log, REDACTED), REDACTED, options.onSecret);
}

/**
 * The log with every secret masked: the secrets of `plan`, when the plan of
 * the same run is at hand (what it marks sensitive and what the second
 * layer finds, see redactPlanAndSecrets), and secrets of known shapes
 * always. See {@link createLogMasker}.
 *
 * @public
 */
export function maskLog(
  log: string,
  plan?: Plan,
  options: LogMaskOptions = {},
): string {
  const secrets = plan
    ? redactPlanAndSecrets(plan, { redaction: options.redaction }).secrets
    : [];
  return createLogMasker(secrets, options)(log);
}

/**
 * Masks a log as {@link createLogMasker} does, and reports what the second
 * layer found in it (secrets of known shapes, path `log`): counts per rule,
 * never values. Masking a log once tells what was masked; masking an
 * already-masked log finds nothing more, so the report travels with it.
 *
 * @public
 */
export function maskLogAndReport(
  log: string,
  sensitive: Iterable<string> = [],
  options: { redaction?: RedactionOptions } = {},
): { log: string; redaction: RedactionReport } {
  const recorder = new RedactionRecorder();
  const masked = createLogMasker(sensitive, {
    redaction: options.redaction,
    onSecret: rule => recorder.record(rule, 'log'),
  })(log);
  return { log: masked, redaction: recorder.report() };
}
