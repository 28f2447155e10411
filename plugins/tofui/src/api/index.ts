export { tofuiApiRef } from './TofuiApi';
export type { TofuiApi } from './TofuiApi';
