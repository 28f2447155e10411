export { DEFAULT_STATUS_TYPES } from './defaults';
export {
  deriveOverallStatus,
  findStatusMapping,
  overallStatusSeverity,
  worstOverallStatus,
} from './overallStatus';
