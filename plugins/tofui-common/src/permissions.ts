import {
  createPermission,
  type Permission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of `tofui.report.read`: a report, identified by its
 * repository and folder (which map to catalog entities).
 *
 * @public
 */
export const TOFUI_REPORT_RESOURCE_TYPE = 'tofui-report';

/** Read reports (dashboard, lists, artifacts). @public */
export const tofuiReportReadPermission = createPermission({
  name: 'tofui.report.read',
  attributes: { action: 'read' },
  resourceType: TOFUI_REPORT_RESOURCE_TYPE,
});

/** Publish a report (create, or republish the same build). @public */
export const tofuiReportCreatePermission = createPermission({
  name: 'tofui.report.create',
  attributes: { action: 'create' },
});

/** Replace a stored report's fields. @public */
export const tofuiReportUpdatePermission = createPermission({
  name: 'tofui.report.update',
  attributes: { action: 'update' },
});

/** Delete a report and its artifacts. @public */
export const tofuiReportDeletePermission = createPermission({
  name: 'tofui.report.delete',
  attributes: { action: 'delete' },
});

/** Register repositories and change their display name, entity and folders. @public */
export const tofuiRepositoryManagePermission = createPermission({
  name: 'tofui.repository.manage',
  attributes: { action: 'update' },
});

/** Create and change status types. @public */
export const tofuiStatusTypesManagePermission = createPermission({
  name: 'tofui.statusTypes.manage',
  attributes: { action: 'update' },
});

/** Read the audit log. @public */
export const tofuiAuditReadPermission = createPermission({
  name: 'tofui.audit.read',
  attributes: { action: 'read' },
});

/**
 * Every tofUI permission, as the backend registers them.
 *
 * @public
 */
export const tofuiPermissions: Permission[] = [
  tofuiReportReadPermission,
  tofuiReportCreatePermission,
  tofuiReportUpdatePermission,
  tofuiReportDeletePermission,
  tofuiRepositoryManagePermission,
  tofuiStatusTypesManagePermission,
  tofuiAuditReadPermission,
];
