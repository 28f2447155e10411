export { ReportPage } from './ReportPage';
export { SandboxedHtmlReport } from './SandboxedHtmlReport';
