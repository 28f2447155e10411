import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { TOFUI_REPORT_RESOURCE_TYPE } from '@tofui/backstage-plugin-tofui-common';

/**
 * A report as permission rules see it: where it is (repository and folder)
 * and the catalog entities covering that folder, with their owners.
 *
 * @public
 */
export interface TofuiReportResource {
  id: string;
  /** `owner/name`, lower-case */
  repository: string;
  folder: string;
  /** Entities mapping the report's folder, lower-case refs. */
  entityRefs: string[];
  /** Owners of those entities, lower-case refs. */
  ownerRefs: string[];
}

/**
 * What a rule on `tofui.report.read` asks of a report, in a form the
 * backend turns into SQL.
 *
 * @public
 */
export type TofuiReportQuery =
  /** The report's folder is covered by an entity owned by one of these refs. */
  | { ownedBy: string[] }
  /** The report's folder is covered by one of these entities. */
  | { entities: string[] }
  /** The report's folder is covered by some catalog entity. */
  | { mapped: true }
  /** The report is in one of these repositories (`owner/name`). */
  | { repositories: string[] };

/**
 * The resource of `tofui.report.read`, with the query its rules produce.
 *
 * @public
 */
export const tofuiReportPermissionResourceRef = createPermissionResourceRef<
  TofuiReportResource,
  TofuiReportQuery
>().with({ pluginId: 'tofui', resourceType: TOFUI_REPORT_RESOURCE_TYPE });
