export { parsePlan, PlanFormatError } from './parsePlan';
export type { ParsedPlan } from './parsePlan';
export { planHasChanges, planStatusCode, summarizePlan } from './summarizePlan';
export { maskSensitive, REDACTED, redactPlan } from './redactPlan';
export type { PlanSummary } from './summarizePlan';
export type { OutputChange, Plan, PlanAction, ResourceChange } from './types';
export { diffChange, formatAttributePath } from './diffChange';
export type { AttributeDiff, DiffValue } from './diffChange';
export { ACTION_REASON_TEXT } from './actionReasons';
