import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

export const rootRouteRef = createRouteRef();

/** One report: `/tofui/reports/:id`. */
export const reportRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/reports/:id',
});

/** One repository's folders: `/tofui/repos/:owner/:repo`. */
export const repositoryRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/repos/:owner/:repo',
});

/** One folder's trends and history: `/tofui/repos/:owner/:repo/:folder`. */
export const folderRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/repos/:owner/:repo/:folder',
});

/** Aggregates over all runs: `/tofui/insights`. */
export const insightsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/insights',
});

/** Status types: `/tofui/settings`. */
export const settingsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/settings',
});
