export { CompareReports } from './CompareReports';
