export { renderPlanReport } from './renderPlanReport';
export type { RenderOptions } from './renderPlanReport';
export {
  buildReportModel,
  changeAction,
  planMembersUnreadByReport,
  RC,
} from './reportModel';
export type {
  CheckResult,
  CompactChange,
  ReportMeta,
  ReportModel,
} from './reportModel';
export { readReportModel } from './readReportModel';
export { safeHttpUrl } from './escape';
