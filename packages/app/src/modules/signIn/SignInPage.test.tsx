import { ConfigReader } from '@backstage/config';
import type { AppConfig } from '@backstage/config';
import { createApp } from '@backstage/frontend-defaults';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { signInModule } from '.';

const repoRoot = path.resolve(__dirname, '../../../../..');

/** One of the repository's config files, as written. */
function configFile(name: string): AppConfig {
  const text = fs.readFileSync(path.join(repoRoot, name), 'utf8');
  return { context: name, data: parse(text) };
}

// The files' URLs are ${...} substitutions the backend fills in.
const urls: AppConfig = {
  context: 'test',
  data: {
    app: { baseUrl: 'http://localhost:3000' },
    backend: { baseUrl: 'http://localhost:7007' },
  },
};

const embedded = [configFile('app-config.yaml')];
const production = [
  configFile('app-config.yaml'),
  configFile('app-config.production.yaml'),
];

function renderSignInPage(configs: AppConfig[]) {
  const app = createApp({
    features: [signInModule],
    advanced: {
      configLoader: async () => ({
        config: ConfigReader.fromConfigs([...configs, urls]),
      }),
    },
  });
  render(app.createRoot());
}

const timeout = { timeout: 10_000 };

describe('sign-in page', () => {
  let open: jest.SpyInstance;
  const originalFetch = global.fetch;

  beforeEach(() => {
    localStorage.clear();
    // No auth backend: refreshing a session fails, so signing in opens the
    // provider's login popup, which the browser "blocks".
    global.fetch = jest.fn().mockRejectedValue(new Error('no backend'));
    open = jest.spyOn(window, 'open').mockReturnValue(null);
  });

  afterEach(() => {
    open.mockRestore();
    global.fetch = originalFetch;
  });

  it('offers guest only on the embedded defaults', async () => {
    renderSignInPage(embedded);

    expect(
      await screen.findByRole('button', { name: 'Enter' }, timeout),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
    expect(screen.queryByText('OIDC')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Sign In' }),
    ).not.toBeInTheDocument();
  });

  it('offers GitHub and OIDC in production, not guest', async () => {
    renderSignInPage(production);

    expect(await screen.findByText('GitHub', {}, timeout)).toBeInTheDocument();
    expect(screen.getByText('OIDC')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Sign In' })).toHaveLength(2);
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  });

  it.each([
    ['GitHub', 0, 'github', ['read:user']],
    ['OIDC', 1, 'oidc', ['openid', 'profile', 'email']],
  ])(
    'starts the %s sign-in at its auth backend provider, production environment',
    async (_title, index, providerId, scopes) => {
      renderSignInPage(production);

      const buttons = await screen.findAllByRole(
        'button',
        { name: 'Sign In' },
        timeout,
      );
      await userEvent.click(buttons[index]);

      await waitFor(() => expect(open).toHaveBeenCalled());
      const url = new URL(open.mock.calls[0][0]);
      expect(url.origin + url.pathname).toBe(
        `http://localhost:7007/api/auth/${providerId}/start`,
      );
      expect(url.searchParams.get('env')).toBe('production');
      expect(url.searchParams.get('flow')).toBe('popup');
      expect(url.searchParams.get('scope')?.split(' ')).toEqual(
        expect.arrayContaining(scopes),
      );
    },
  );

  it('shows the OIDC provider under the name set in tofui.signIn.oidc.title', async () => {
    renderSignInPage([
      ...production,
      {
        context: 'test',
        data: { tofui: { signIn: { oidc: { title: 'Keycloak' } } } },
      },
    ]);

    expect(
      await screen.findByText('Keycloak', {}, timeout),
    ).toBeInTheDocument();
    expect(screen.getByText('Sign in with Keycloak')).toBeInTheDocument();
    expect(screen.queryByText('OIDC')).not.toBeInTheDocument();
  });
});
