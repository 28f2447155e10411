import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { DriftPage } from './DriftPage';

const ENTITIES = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'aws',
      namespace: 'default',
      annotations: {
        'tofui.io/repository': 'acme/infrastructure',
        'tofui.io/folders': 'aws_*',
      },
    },
    spec: { type: 'infrastructure', owner: 'platform-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'gcp',
      namespace: 'default',
      annotations: {
        'tofui.io/repository': 'acme/infrastructure',
        'tofui.io/folders': 'gcp_*',
      },
    },
    spec: { type: 'infrastructure', owner: 'group:default/data-team' },
  },
];

async function renderPage(url = '/tofui/drift', fake = fakeTofuiApi()) {
  await renderInTestApp(<DriftPage />, {
    apis: [
      [tofuiApiRef, fake.api],
      [catalogApiRef, catalogApiMock({ entities: ENTITIES })],
    ],
    mountedRoutes: {
      '/tofui': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [url],
  });
  return fake;
}

describe('DriftPage', () => {
  it('lists open drift chronic first, then the oldest, with its age, owner and timeline', async () => {
    const { changeCalls } = await renderPage();
    const table = await screen.findByRole('table', { name: 'Drift' });
    const rows = within(table).getAllByRole('row').slice(1);
    // asked chronic first (`order=chronic`), the server puts it first
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringMatching(
        /aws_security_group\.web chronic.*3 days.*4ingress/,
      ),
      expect.stringMatching(/aws_instance\.old.*10 days.*2tags\.Owner/),
    ]);
    expect(
      within(rows[0]).getByRole('link', { name: 'aws_security_group.web' }),
    ).toHaveAttribute(
      'href',
      '/tofui/resources/history?repository=acme%2Finfrastructure&folder=aws_us_east_2&address=aws_security_group.web',
    );
    // the owners the API names for the folder
    const owner = await within(rows[0]).findByRole('link', {
      name: 'platform-team',
    });
    expect(owner).toHaveAttribute(
      'href',
      '/catalog/default/group/platform-team',
    );
    expect(within(rows[0]).queryByText('data-team')).toBeNull();
    expect(changeCalls[0]).toEqual({
      drift: { state: 'open', order: 'chronic', limit: 100, cursor: undefined },
    });
  });

  it('keeps its filters in the URL', async () => {
    const { changeCalls } = await renderPage(
      '/tofui/drift?state=closed&owner=group:default/network&repository=acme/infrastructure&folder=aws_us_east_2',
    );
    expect(
      await screen.findByText('No closed drift matches these filters.'),
    ).toBeInTheDocument();
    expect(changeCalls[0]).toEqual({
      drift: {
        state: 'closed',
        owner: 'group:default/network',
        repository: 'acme/infrastructure',
        folder: 'aws_us_east_2',
        order: 'chronic',
        limit: 100,
        cursor: undefined,
      },
    });
    fireEvent.mouseDown(screen.getByLabelText('State'));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Open and closed' }),
    );
    await waitFor(() =>
      expect(changeCalls.at(-1)).toEqual({
        drift: {
          owner: 'group:default/network',
          repository: 'acme/infrastructure',
          folder: 'aws_us_east_2',
          order: 'chronic',
          limit: 100,
          cursor: undefined,
        },
      }),
    );
  });
});
