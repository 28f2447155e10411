import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { EntityTofuiCard } from './EntityTofuiCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'infra',
    annotations: {
      'tofui.io/repository': 'acme/infrastructure',
      'tofui.io/folders': 'aws_*, gcp_*',
    },
  },
  spec: { type: 'infrastructure', owner: 'platform-team' },
};

describe('EntityTofuiCard', () => {
  it("lists the entity's folders, failing first, with their latest run", async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityTofuiCard />
      </EntityProvider>,
      { apis: [[tofuiApiRef, api]] },
    );
    const list = await screen.findByRole('list', { name: 'Folders' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      expect.stringMatching(/FAILING.*aws_us_east_2.*Deploy #57/),
      expect.stringMatching(/PASSING.*gcp_europe_west1.*pr-7/),
    ]);
    expect(screen.getByText('acme/infrastructure')).toBeInTheDocument();
  });

  it("lists the entity's folders whose latest plan waits for an apply", async () => {
    const { api, changeCalls } = fakeTofuiApi(
      undefined,
      [],
      {},
      {
        entities: {
          'component:default/infra': {
            repository: 'acme/infrastructure',
            folders: /^(aws|gcp)_/,
          },
        },
      },
    );
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityTofuiCard />
      </EntityProvider>,
      { apis: [[tofuiApiRef, api]], mountedRoutes: { '/tofui': rootRouteRef } },
    );
    const list = await screen.findByRole('list', { name: 'Pending applies' });
    // acme/networking's pending plan is another repository's
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      'gcp_europe_west1 · pr-7 waiting 2 days 1 hour+ create 2~ update 1- delete 1',
    ]);
    expect(within(list).getByRole('link', { name: 'pr-7' })).toHaveAttribute(
      'href',
      '/tofui/reports/t1',
    );
    expect(changeCalls).toEqual([
      {
        pending: {
          entity: 'component:default/infra',
          limit: 200,
          cursor: undefined,
        },
      },
    ]);
  });

  it('shows no pending section when nothing waits', async () => {
    const { api } = fakeTofuiApi(undefined, [], {}, { pending: [] });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityTofuiCard />
      </EntityProvider>,
      { apis: [[tofuiApiRef, api]] },
    );
    await screen.findByRole('list', { name: 'Folders' });
    expect(screen.queryByText('Pending applies')).toBeNull();
  });
});
