import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';
import { TOFUI_ROUTE_PATHS } from '@tofui/backstage-plugin-tofui-common';

export const rootRouteRef = createRouteRef();

/** A view below the page, at its path in tofui-common's TOFUI_ROUTE_PATHS. */
function view<Path extends string>(path: Path) {
  return createSubRouteRef({ parent: rootRouteRef, path });
}

/** One report: `/tofui/reports/:id`. */
export const reportRouteRef = view(TOFUI_ROUTE_PATHS.report);

/** One repository's folders: `/tofui/repos/:owner/:repo`. */
export const repositoryRouteRef = view(TOFUI_ROUTE_PATHS.repository);

/** One folder's trends and history: `/tofui/repos/:owner/:repo/:folder`. */
export const folderRouteRef = view(TOFUI_ROUTE_PATHS.folder);

/** Aggregates over all runs: `/tofui/insights`. */
export const insightsRouteRef = view(TOFUI_ROUTE_PATHS.insights);

/** Resource changes across the fleet, filtered: `/tofui/changes`. */
export const changesRouteRef = view(TOFUI_ROUTE_PATHS.changes);

/** One resource's runs (`?repository=&folder=&address=`): `/tofui/resources/history`. */
export const resourceHistoryRouteRef = view(TOFUI_ROUTE_PATHS.resourceHistory);

/** The drift ledger: `/tofui/drift`. */
export const driftRouteRef = view(TOFUI_ROUTE_PATHS.drift);

/** Status types: `/tofui/settings`. */
export const settingsRouteRef = view(TOFUI_ROUTE_PATHS.settings);

/** Every route of the plugin, by the name the app binds it with. */
export const tofuiRouteRefs = {
  root: rootRouteRef,
  report: reportRouteRef,
  repository: repositoryRouteRef,
  folder: folderRouteRef,
  insights: insightsRouteRef,
  changes: changesRouteRef,
  resourceHistory: resourceHistoryRouteRef,
  drift: driftRouteRef,
  settings: settingsRouteRef,
};
