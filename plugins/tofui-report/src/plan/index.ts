export { parsePlan, PlanFormatError } from './parsePlan';
export type { ParsedPlan } from './parsePlan';
export { planHasChanges, planStatusCode, summarizePlan } from './summarizePlan';
export type { PlanSummary } from './summarizePlan';
export type { OutputChange, Plan, PlanAction, ResourceChange } from './types';
