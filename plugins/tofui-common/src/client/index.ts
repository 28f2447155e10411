export { TofuiClient } from './TofuiClient';
export type {
  ReportArtifactKind,
  TofuiClientOptions,
  Upserted,
} from './TofuiClient';
