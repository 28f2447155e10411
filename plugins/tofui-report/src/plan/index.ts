export { parsePlan, PlanFormatError } from './parsePlan';
export type { ParsedPlan } from './parsePlan';
export { planHasChanges, planStatusCode, summarizePlan } from './summarizePlan';
export {
  maskSensitive,
  planRedactionReport,
  REDACTED,
  REDACTION_REPORT_KEY,
  redactPlan,
  redactPlanAndSecrets,
} from './redactPlan';
export { sensitiveValues } from './sensitiveValues';
export type { PlanSummary } from './summarizePlan';
export type { OutputChange, Plan, PlanAction, ResourceChange } from './types';
export { diffChange } from './diffChange';
export { changedAttributePaths } from './changedAttributePaths';
export { formatAttributePath } from './attributeLeaves';
export type { AttributeDiff, ChangeToDiff, DiffValue } from './diffChange';
export { ACTION_REASON_TEXT } from './actionReasons';
export { PLAN_COUNT_LABELS, planCounts } from './countLabels';
export type { PlanCountKey } from './countLabels';
export { PLAN_ACTIONS } from './actionDisplay';
export type { ActionDisplay } from './actionDisplay';
export { describeValue } from './describeValue';
export type { DescribedValue } from './describeValue';
