export { parseTerraformLog } from './parseTerraformLog';
export { planFromLog } from './planFromLog';
export { stripAnsi } from './text';
export { createLogMasker, maskLog, maskLogAndReport } from './maskLog';
export type { LogMaskOptions } from './maskLog';
export type {
  LogChangeCounts,
  LogDiagnostic,
  LogOutcome,
  LogOutputChange,
  LogPlannedChange,
  LogRefreshedResource,
  LogReport,
  LogResource,
  LogResourceAction,
  LogResourceStatus,
} from './types';
export { SECRET_PATTERN_RULES } from './secretPatterns';
export type { ExtraSecretRule, OnSecret } from './secretPatterns';
