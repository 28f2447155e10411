export interface Config {
  tofui?: {
    /** The sign-in page. */
    signIn?: {
      /**
       * The sign-in providers the sign-in page offers, in this order. Each
       * one needs its backend provider configured under `auth.providers`
       * (guest: `auth.providers.guest`, github: `auth.providers.github`,
       * oidc: `auth.providers.oidc`). Default: [guest], the embedded
       * defaults.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github' | 'oidc'>;
      oidc?: {
        /**
         * The name users know the OIDC identity provider by, shown on the
         * sign-in page, e.g. Keycloak or Entra ID. Default: OIDC.
         * @visibility frontend
         */
        title?: string;
      };
    };
  };
}
