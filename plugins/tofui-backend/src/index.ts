/**
 * tofUI backend plugin.
 *
 * @packageDocumentation
 */
export { tofuiPlugin as default } from './plugin';
export { catalogModuleTofuiMappings } from './catalog/catalogModuleTofuiMappings';
export { keepRedisCacheReconnecting } from './service/redisCacheRecovery';
/** Also bounds the host backend's rate-limit Redis commands. */
export { withTimeout } from './service/withTimeout';
export {
  tofuiReportConditions,
  createTofuiReportConditionalDecision,
} from './permissions/conditions';
export {
  tofuiReportPermissionResourceRef,
  type TofuiReportResource,
} from './permissions/resource';
