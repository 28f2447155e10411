import type {
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  tofuiPermissions,
  tofuiReportReadPermission,
} from '@tofui/backstage-plugin-tofui-common';
import {
  tofuiReportPermissionResourceRef,
  tofuiReportRules,
} from '@tofui/backstage-plugin-tofui-node';
import type { CiSettings } from '../config/ci';
import type { TofuiStore } from '../database/TofuiStore';
import { CiPublishers } from './ciPublishers';
import { ReportPermissions } from './ReportPermissions';

/**
 * Registers the permissions declared in tofui-common (reading is a resource
 * permission: its rules, in tofui-node, become SQL filters) and returns the
 * checks the routes make with them.
 */
export function registerReportPermissions(
  deps: {
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
  },
  store: TofuiStore,
  ci: CiSettings,
): ReportPermissions {
  const { permissions, permissionsRegistry } = deps;
  permissionsRegistry.addPermissions(
    tofuiPermissions.filter(p => p !== tofuiReportReadPermission),
  );
  permissionsRegistry.addResourceType({
    resourceRef: tofuiReportPermissionResourceRef,
    permissions: [tofuiReportReadPermission],
    rules: Object.values(tofuiReportRules),
    getResources: ids => store.mappings.coverageOfReports(ids),
  });
  return new ReportPermissions(
    permissions,
    createConditionTransformer(
      permissionsRegistry.getPermissionRuleset(
        tofuiReportPermissionResourceRef,
      ),
    ),
    CiPublishers.fromSettings(ci),
  );
}
