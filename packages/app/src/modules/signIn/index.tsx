import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  createFrontendModule,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  type SignInPageProps,
} from '@backstage/plugin-app-react';
import { oidcAuthApi } from './oidcAuthApi';
import { signInProviders } from './providers';

/**
 * The providers in `tofui.signIn.providers`: guest on the embedded defaults,
 * GitHub and OIDC in production (app-config.production.yaml). A returning
 * user is signed in again with the provider they chose last time, so a
 * reload or a shared link opens the page itself instead of this form.
 */
function TofuiSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  return <SignInPage {...props} auto providers={signInProviders(config)} />;
}

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => TofuiSignInPage,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, oidcAuthApi],
});

export { oidcAuthApiRef } from './oidcAuthApi';
