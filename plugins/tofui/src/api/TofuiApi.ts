import { createApiRef } from '@backstage/frontend-plugin-api';
import type { TofuiClient } from '@tofui/backstage-plugin-tofui-common';

/**
 * What the tofUI frontend needs from the backend; implemented by the typed
 * client generated from the OpenAPI spec.
 *
 * @public
 */
export type TofuiApi = Pick<
  TofuiClient,
  | 'getSummary'
  | 'listReports'
  | 'listStatusTypes'
  | 'getReport'
  | 'getReportArtifact'
  | 'getInsights'
  | 'listRepositories'
  | 'putStatusType'
  | 'deleteReport'
  | 'listChanges'
  | 'getResourceHistory'
  | 'compareReports'
  | 'listDrift'
  | 'listPending'
>;

/** @public */
export const tofuiApiRef = createApiRef<TofuiApi>({ id: 'plugin.tofui.api' });
