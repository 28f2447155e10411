import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  isTofuiAvailable,
  TofuiClient,
} from '@tofui/backstage-plugin-tofui-common';
import { tofuiApiRef } from './api';
import { TofuiIcon } from './components/TofuiIcon';
import { rootRouteRef, tofuiRouteRefs } from './routes';

/** The tofUI API client, wired to Backstage discovery and fetch. @alpha */
export const tofuiApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: tofuiApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new TofuiClient({ discoveryApi, fetchApi }),
    }),
});

/** The standalone page at /tofui (and its sidebar entry). @alpha */
export const tofuiPage = PageBlueprint.make({
  params: {
    path: '/tofui',
    routeRef: rootRouteRef,
    title: 'tofUI',
    icon: <TofuiIcon fontSize="inherit" />,
    loader: () =>
      import('./components/TofuiRouter').then(m => <m.TofuiRouter />),
  },
});

/** The "tofUI" tab on entities annotated with a repository. @alpha */
export const entityTofuiContent = EntityContentBlueprint.make({
  params: {
    path: 'tofui',
    title: 'tofUI',
    filter: isTofuiAvailable,
    loader: () =>
      import('./components/EntityTofuiContent').then(m => (
        <m.EntityTofuiContent />
      )),
  },
});

/** A card on the entity overview: the entity's folders and their verdicts. @alpha */
export const entityTofuiCard = EntityCardBlueprint.make({
  params: {
    filter: isTofuiAvailable,
    type: 'info',
    loader: () =>
      import('./components/EntityTofuiCard').then(m => <m.EntityTofuiCard />),
  },
});

/**
 * tofUI for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'tofui',
  title: 'tofUI',
  icon: <TofuiIcon fontSize="inherit" />,
  routes: tofuiRouteRefs,
  extensions: [tofuiApi, tofuiPage, entityTofuiContent, entityTofuiCard],
});
