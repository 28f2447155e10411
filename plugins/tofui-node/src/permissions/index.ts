export {
  tofuiReportPermissionResourceRef,
  type TofuiReportResource,
  type TofuiReportQuery,
} from './resource';
export { tofuiReportRules } from './rules';
export {
  tofuiReportConditions,
  createTofuiReportConditionalDecision,
} from './conditions';
