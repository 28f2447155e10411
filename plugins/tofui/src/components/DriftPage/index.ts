export { DriftPage } from './DriftPage';
export { DriftTable } from './DriftTable';
