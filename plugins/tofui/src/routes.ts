import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';
import { TOFUI_ROUTE_PATHS } from '@tofui/backstage-plugin-tofui-common';

export const rootRouteRef = createRouteRef();

/** One report: `/tofui/reports/:id`. */
export const reportRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: TOFUI_ROUTE_PATHS.report,
});

/** One repository's folders: `/tofui/repos/:owner/:repo`. */
export const repositoryRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: TOFUI_ROUTE_PATHS.repository,
});

/** One folder's trends and history: `/tofui/repos/:owner/:repo/:folder`. */
export const folderRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: TOFUI_ROUTE_PATHS.folder,
});

/** Aggregates over all runs: `/tofui/insights`. */
export const insightsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: TOFUI_ROUTE_PATHS.insights,
});

/** Status types: `/tofui/settings`. */
export const settingsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: TOFUI_ROUTE_PATHS.settings,
});

/** Every route of the plugin, by the name the app binds it with. */
export const tofuiRouteRefs = {
  root: rootRouteRef,
  report: reportRouteRef,
  repository: repositoryRouteRef,
  folder: folderRouteRef,
  insights: insightsRouteRef,
  settings: settingsRouteRef,
};
