export { parseTerraformLog } from './parseTerraformLog';
export { planFromLog } from './planFromLog';
export { stripAnsi } from './text';
export { createLogMasker, maskLog } from './maskLog';
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
