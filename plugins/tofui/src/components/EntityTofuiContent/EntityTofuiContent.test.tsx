import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { change, fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { EntityTofuiContent } from './EntityTofuiContent';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'aws-infrastructure', annotations },
    spec: { type: 'infrastructure', owner: 'platform-team' },
  };
}

describe('EntityTofuiContent', () => {
  it("shows the entity's repository, narrowed to its folders", async () => {
    const { api, calls } = fakeTofuiApi();
    await renderInTestApp(
      <EntityProvider
        entity={entity({
          'tofui.io/repository': 'acme/infrastructure',
          'tofui.io/folders': 'aws_*',
        })}
      >
        <EntityTofuiContent />
      </EntityProvider>,
      { apis: [[tofuiApiRef, api]] },
    );
    expect(await screen.findByText('aws_us_east_2')).toBeInTheDocument();
    expect(screen.queryByText('gcp_europe_west1')).toBeNull();
    expect(screen.queryByText('_root')).toBeNull();
    expect(calls).toEqual([{ repository: 'acme/infrastructure' }]);
  });

  it("shows the open drift and the resource changes of the entity's folders only", async () => {
    const { api, changeCalls } = fakeTofuiApi(
      undefined,
      [],
      {},
      {
        changes: [
          change({ folder: 'gcp_europe_west1', address: 'google_x.y' }),
          change({
            folder: 'aws_us_east_2',
            address: 'aws_iam_role.ci',
            action: 'delete',
          }),
        ],
        entities: {
          'component:default/aws-infrastructure': {
            repository: 'acme/infrastructure',
            folders: /^aws_/,
          },
        },
      },
    );
    await renderInTestApp(
      <EntityProvider
        entity={entity({
          'tofui.io/repository': 'acme/infrastructure',
          'tofui.io/folders': 'aws_*',
        })}
      >
        <EntityTofuiContent />
      </EntityProvider>,
      {
        apis: [[tofuiApiRef, api]],
        mountedRoutes: {
          '/tofui': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    const drift = await screen.findByRole('table', {
      name: 'Open drift of acme/infrastructure',
    });
    expect(within(drift).getAllByRole('row')).toHaveLength(3);
    const changes = await screen.findByRole('table', {
      name: 'Resource changes of acme/infrastructure',
    });
    const rows = within(changes).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(
      within(rows[0]).getByRole('link', { name: 'aws_iam_role.ci' }),
    ).toHaveAttribute('href', '/tofui/reports/t1?resource=aws_iam_role.ci');
    expect(changeCalls).toEqual(
      expect.arrayContaining([
        {
          drift: {
            entity: 'component:default/aws-infrastructure',
            state: 'open',
            order: 'chronic',
            limit: 50,
            cursor: undefined,
          },
        },
        {
          changes: {
            entity: 'component:default/aws-infrastructure',
            limit: 50,
            cursor: undefined,
          },
        },
      ]),
    );
  });

  it('uses the GitHub slug when there is no tofUI annotation', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(
      <EntityProvider
        entity={entity({ 'github.com/project-slug': 'acme/networking' })}
      >
        <EntityTofuiContent />
      </EntityProvider>,
      { apis: [[tofuiApiRef, api]] },
    );
    expect(await screen.findByText('_root')).toBeInTheDocument();
  });

  it('explains the missing annotation', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(
      <EntityProvider entity={entity({})}>
        <EntityTofuiContent />
      </EntityProvider>,
      { apis: [[tofuiApiRef, api]] },
    );
    expect(await screen.findByText(/tofui.io\/repository/)).toBeInTheDocument();
  });
});
