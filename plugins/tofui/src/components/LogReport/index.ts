export { LogReport } from './LogReport';
export type { LogReportProps } from './LogReport';
