/**
 * tofUI frontend plugin: the standalone page and the entity tab. The new
 * frontend system plugin is the default export of `@internal/plugin-tofui/alpha`.
 *
 * @packageDocumentation
 */
export { tofuiApiRef } from './api';
export type { TofuiApi } from './api';
export { EntityTofuiContent } from './components/EntityTofuiContent';
export { FolderTable } from './components/FolderTable';
export { StatusChip } from './components/StatusChip';
export { TofuiPage } from './components/TofuiPage';
export { VerdictBadge } from './components/VerdictBadge';
