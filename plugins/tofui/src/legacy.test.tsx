import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { tofuiApiRef } from './api';
import { fakeTofuiApi } from './__testUtils__/fakeTofuiApi';
import { EntityTofuiCard, TofuiPage, tofuiPlugin } from './index';

describe('tofUI in the legacy frontend system', () => {
  it('exports a plugin whose root route the app can bind', () => {
    expect(tofuiPlugin.getId()).toBe('tofui');
    expect(Object.keys(tofuiPlugin.routes)).toEqual(['root']);
  });

  it('renders the routable page with working links between views', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(
      <TestApiProvider apis={[[tofuiApiRef, api]]}>
        <Routes>
          <Route path="/tofui" element={<TofuiPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/tofui'],
        mountedRoutes: { '/tofui': tofuiPlugin.routes.root },
      },
    );
    const row = (await screen.findAllByRole('row'))[1];
    // links come from the same route refs as in the new system
    expect(
      within(row).getByRole('link', { name: 'aws_us_east_2' }),
    ).toHaveAttribute('href', '/tofui/repos/acme/infrastructure/aws_us_east_2');
    expect(
      within(row).getByRole('link', { name: /Deploy #57/ }),
    ).toHaveAttribute('href', '/tofui/reports/b2');
  });

  it('renders the entity card for an annotated entity', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(
      <TestApiProvider apis={[[tofuiApiRef, api]]}>
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'infra',
              annotations: {
                'tofui.io/repository': 'acme/infrastructure',
                'tofui.io/folders': 'aws_*',
              },
            },
          }}
        >
          <EntityTofuiCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    const card = await screen.findByRole('list', { name: 'Folders' });
    expect(card).toHaveTextContent('aws_us_east_2');
    expect(card).not.toHaveTextContent('gcp_europe_west1');
  });
});
