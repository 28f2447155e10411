/**
 * Catalog backend module for tofUI: announces changed `tofui.io/*`
 * annotations so the tofUI backend re-maps repositories and folders onto
 * entities within seconds. Optional: without it the tofUI backend still
 * syncs on its schedule. Install with
 * `backend.add(import('@tofui/backstage-plugin-catalog-backend-module-tofui'))`.
 *
 * @packageDocumentation
 */
export { catalogModuleTofuiMappings as default } from './module';
export { TofuiMappingProcessor } from './TofuiMappingProcessor';
