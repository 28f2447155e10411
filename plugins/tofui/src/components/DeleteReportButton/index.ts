export { DeleteReportButton } from './DeleteReportButton';
