export { TofuiClient } from './TofuiClient';
export type { PublishReportResult, TofuiClientOptions } from './TofuiClient';
