export { PendingApplies } from './PendingApplies';
export { ActionCounts } from './ActionCounts';
export { usePending } from './usePending';
