import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
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
