export { DashboardFilters } from './DashboardFilters';
export { OwnerPicker } from './Pickers';
export { RepositoryPicker } from './Pickers';
