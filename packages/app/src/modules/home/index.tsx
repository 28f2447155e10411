import {
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { Navigate } from 'react-router-dom';

/** The app opens on the tofUI dashboard. */
const homeRedirect = PageBlueprint.make({
  name: 'home-redirect',
  params: {
    path: '/',
    noHeader: true,
    loader: async () => <Navigate to="/tofui" replace />,
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [homeRedirect],
});
