/**
 * Permission backend module for tofUI: a ready-made policy with three roles
 * (admin, developer, viewer) configured under `tofui.rbac`. Optional: keep
 * your own policy and use the conditions of
 * `@tofui/backstage-plugin-tofui-node` instead (see the README).
 *
 * @packageDocumentation
 */
export { permissionModuleTofuiPolicy as default } from './module';
export {
  TofuiRbacPolicy,
  TOFUI_ROLES,
  TOFUI_ROLE_GRANTS,
  READ_SCOPES,
  type TofuiRole,
  type ReadScope,
} from './TofuiRbacPolicy';
