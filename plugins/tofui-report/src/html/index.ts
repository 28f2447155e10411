export { renderPlanReport } from './renderPlanReport';
export type { RenderOptions } from './renderPlanReport';
export { buildReportModel, changeAction } from './reportModel';
export type { ReportMeta, ReportModel } from './reportModel';
export { readReportModel } from './readReportModel';
