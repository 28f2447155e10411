export { DashboardFilters } from './DashboardFilters';
export { OwnerPicker } from './Pickers';
