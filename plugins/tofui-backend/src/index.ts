/**
 * tofUI backend plugin: the report API under `/api/tofui`, its store and
 * background jobs. Install with
 * `backend.add(import('@tofui/backstage-plugin-tofui-backend'))`.
 *
 * Permission conditions for `tofui.report.read` are exported by
 * `@tofui/backstage-plugin-tofui-node`.
 *
 * @packageDocumentation
 */
export { tofuiPlugin as default } from './plugin';
