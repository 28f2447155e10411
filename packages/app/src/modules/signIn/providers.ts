import type { IdentityProviders } from '@backstage/core-components';
import {
  githubAuthApiRef,
  type ConfigApi,
} from '@backstage/frontend-plugin-api';
import { oidcAuthApiRef, oidcTitle } from './oidcAuthApi';

const PROVIDER_IDS = ['guest', 'github', 'oidc'] as const;

/** A sign-in provider the sign-in page can offer. */
export type SignInProviderId = (typeof PROVIDER_IDS)[number];

function isProviderId(value: string): value is SignInProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

/**
 * The providers in `tofui.signIn.providers` (frontend-visible, see
 * packages/app/config.d.ts); guest when unset, as on the embedded defaults.
 * The backend's `auth.providers` is not visible in the frontend, so the
 * production config lists its providers here too.
 */
export function readSignInProviderIds(config: ConfigApi): SignInProviderId[] {
  const key = 'tofui.signIn.providers';
  const ids = config.getOptionalStringArray(key) ?? ['guest'];
  const unknown = ids.filter(id => !isProviderId(id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown sign-in provider(s) in ${key}: ${unknown.join(', ')}; ` +
        `use ${PROVIDER_IDS.join(', ')}`,
    );
  }
  if (ids.length === 0) {
    throw new Error(`${key} is empty: nobody could sign in`);
  }
  return [...new Set(ids as SignInProviderId[])];
}

/** The providers for `SignInPage` from `@backstage/core-components`. */
export function signInProviders(config: ConfigApi): IdentityProviders {
  return readSignInProviderIds(config).map(id => {
    switch (id) {
      case 'guest':
        return 'guest';
      case 'github':
        return {
          id: 'github-auth-provider',
          title: 'GitHub',
          message: 'Sign in with your GitHub account',
          apiRef: githubAuthApiRef,
        };
      case 'oidc': {
        const title = oidcTitle(config);
        return {
          id: 'oidc-auth-provider',
          title,
          message: `Sign in with ${title}`,
          apiRef: oidcAuthApiRef,
        };
      }
      default:
        throw new Error(`Unhandled sign-in provider ${id satisfies never}`);
    }
  });
}
