import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { TOFUI_REPORT_RESOURCE_TYPE } from '@tofui/backstage-plugin-tofui-common';
import type { ReportAccessQuery, ReportCoverage } from '../database/TofuiStore';

/**
 * A report as permission rules see it: where it is (repository and folder)
 * and the catalog entities covering that folder, with their owners.
 *
 * @public
 */
export type TofuiReportResource = ReportCoverage;

/**
 * The resource of `tofui.report.read`, with the query its rules produce.
 *
 * @public
 */
export const tofuiReportPermissionResourceRef = createPermissionResourceRef<
  TofuiReportResource,
  ReportAccessQuery
>().with({ pluginId: 'tofui', resourceType: TOFUI_REPORT_RESOURCE_TYPE });
