import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { PendingApplies } from './PendingApplies';

const routes = {
  '/tofui': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

describe('PendingApplies', () => {
  it('counts the pending plans folded, and lists age, changes per action and owner when opened', async () => {
    const { api, changeCalls } = fakeTofuiApi();
    await renderInTestApp(
      <PendingApplies owner="group:default/platform-team" />,
      {
        apis: [[tofuiApiRef, api]],
        mountedRoutes: routes,
      },
    );
    const toggle = await screen.findByRole('button', {
      name: /Pending applies: 2/,
    });
    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.click(toggle);
    const table = await screen.findByRole('table', { name: 'Pending applies' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'acme/infrastructure · gcp_europe_west1pr-72 days 1 hour+ create 2~ update 1- delete 1platform-team',
      'acme/networking · _rootpr-881 hour-/+ replace 1—',
    ]);
    expect(within(rows[0]).getByRole('link', { name: 'pr-7' })).toHaveAttribute(
      'href',
      '/tofui/reports/t1',
    );
    expect(
      within(rows[0]).getByRole('link', {
        name: 'acme/infrastructure · gcp_europe_west1',
      }),
    ).toHaveAttribute(
      'href',
      '/tofui/repos/acme/infrastructure/gcp_europe_west1',
    );
    expect(changeCalls).toEqual([
      {
        pending: {
          owner: 'group:default/platform-team',
          limit: 20,
          cursor: undefined,
        },
      },
    ]);
  });

  it('says when nothing waits', async () => {
    const { api } = fakeTofuiApi(undefined, [], {}, { pending: [] });
    await renderInTestApp(<PendingApplies />, {
      apis: [[tofuiApiRef, api]],
      mountedRoutes: routes,
    });
    fireEvent.click(
      await screen.findByRole('button', { name: /Pending applies: 0/ }),
    );
    expect(
      await screen.findByText('No planned changes are waiting for an apply.'),
    ).toBeInTheDocument();
  });
});
