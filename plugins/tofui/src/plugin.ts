import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { TofuiClient } from '@tofui/backstage-plugin-tofui-common';
import { createElement } from 'react';
import { tofuiApiRef } from './api';
import {
  changesRouteRef,
  driftRouteRef,
  folderRouteRef,
  insightsRouteRef,
  reportRouteRef,
  repositoryRouteRef,
  resourceHistoryRouteRef,
  rootRouteRef,
  settingsRouteRef,
} from './routes';

// The route refs are the new frontend system's; converted, the same objects
// also serve the legacy router, so the components resolve links the same way
// in both systems.
const legacyRoutes = {
  root: convertLegacyRouteRef(rootRouteRef),
  report: convertLegacyRouteRef(reportRouteRef),
  repository: convertLegacyRouteRef(repositoryRouteRef),
  folder: convertLegacyRouteRef(folderRouteRef),
  insights: convertLegacyRouteRef(insightsRouteRef),
  changes: convertLegacyRouteRef(changesRouteRef),
  resourceHistory: convertLegacyRouteRef(resourceHistoryRouteRef),
  drift: convertLegacyRouteRef(driftRouteRef),
  settings: convertLegacyRouteRef(settingsRouteRef),
};

/**
 * tofUI for the legacy frontend system (`createApp`). The new frontend
 * system uses the default export of `@tofui/backstage-plugin-tofui/alpha`.
 *
 * @public
 */
export const tofuiPlugin = createPlugin({
  id: 'tofui',
  apis: [
    createApiFactory({
      api: tofuiApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new TofuiClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: legacyRoutes.root },
});

/**
 * The standalone page with all its views; mount it at `/tofui`.
 *
 * @public
 */
export const TofuiPage = tofuiPlugin.provide(
  createRoutableExtension({
    name: 'TofuiPage',
    mountPoint: legacyRoutes.root,
    component: () =>
      import('./components/TofuiRouter').then(
        m => () => compatWrapper(createElement(m.TofuiRouter)),
      ),
  }),
);

/**
 * The entity tab (use with `isTofuiAvailable` on the entity page).
 *
 * @public
 */
export const EntityTofuiContent = tofuiPlugin.provide(
  createComponentExtension({
    name: 'EntityTofuiContent',
    component: {
      lazy: () =>
        import('./components/EntityTofuiContent').then(
          m => () => compatWrapper(createElement(m.EntityTofuiContent)),
        ),
    },
  }),
);

/**
 * The entity overview card: the entity's folders and their verdicts.
 *
 * @public
 */
export const EntityTofuiCard = tofuiPlugin.provide(
  createComponentExtension({
    name: 'EntityTofuiCard',
    component: {
      lazy: () =>
        import('./components/EntityTofuiCard').then(
          m => () => compatWrapper(createElement(m.EntityTofuiCard)),
        ),
    },
  }),
);
