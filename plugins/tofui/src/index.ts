/**
 * tofUI frontend plugin. This entry point serves the legacy frontend system
 * (`tofuiPlugin`, `TofuiPage`, `EntityTofuiContent`, `EntityTofuiCard`); the
 * new frontend system plugin is the default export of
 * `@tofui/backstage-plugin-tofui/alpha`. Both share the API client and components.
 *
 * @packageDocumentation
 */
export { tofuiApiRef } from './api';
export type { TofuiApi } from './api';
export {
  EntityTofuiCard,
  EntityTofuiContent,
  TofuiPage,
  tofuiPlugin,
} from './plugin';
export { isTofuiAvailable } from '@tofui/backstage-plugin-tofui-common';
export { FolderTable } from './components/FolderTable';
export type { FolderTableProps } from './components/FolderTable';
export { StatusChip } from './components/StatusChip';
export type { StatusChipProps } from './components/StatusChip';
export { VerdictBadge } from './components/VerdictBadge';
export { TofuiIcon } from './components/TofuiIcon';
