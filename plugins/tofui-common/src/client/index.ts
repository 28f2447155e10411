export { TofuiClient } from './TofuiClient';
export type { TofuiClientOptions, Upserted } from './TofuiClient';
