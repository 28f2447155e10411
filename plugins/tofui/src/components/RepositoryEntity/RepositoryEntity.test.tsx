import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { FolderSummary } from '@tofui/backstage-plugin-tofui-common';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi, SUMMARY } from '../../__testUtils__/fakeTofuiApi';
import { RepositoryEntity } from './RepositoryEntity';

// EntityRefLink resolves the catalog's legacy entity route, which the legacy
// test app mounts.
function renderFor(summary: FolderSummary) {
  const { api } = fakeTofuiApi([summary]);
  return renderInTestApp(
    <TestApiProvider apis={[[tofuiApiRef, api]]}>
      <RepositoryEntity repository="acme/infrastructure" />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('RepositoryEntity', () => {
  it('links the entity that maps the repository', async () => {
    await renderFor({
      ...SUMMARY[0],
      entityRef: 'component:default/infrastructure',
    });
    expect(await screen.findByText(/Catalog entity:/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /infrastructure/ }),
    ).toHaveAttribute('href', '/catalog/default/component/infrastructure');
  });

  it('says how to map a repository no entity maps', async () => {
    await renderFor({ ...SUMMARY[0], entityRef: undefined });
    expect(
      await screen.findByText(/No catalog entity maps this repository/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('tofui.io/repository: acme/infrastructure'),
    ).toBeInTheDocument();
  });
});
