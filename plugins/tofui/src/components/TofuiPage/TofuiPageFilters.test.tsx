import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { TofuiPage } from './TofuiPage';

const GROUPS = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'network', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

async function renderPage(url = '/tofui') {
  const fake = fakeTofuiApi();
  await renderInTestApp(<TofuiPage />, {
    apis: [
      [tofuiApiRef, fake.api],
      [catalogApiRef, catalogApiMock({ entities: GROUPS })],
    ],
    mountedRoutes: { '/tofui': rootRouteRef },
    initialRouteEntries: [url],
  });
  await screen.findAllByRole('row');
  const summaryCalls = () =>
    fake.calls.filter(c => !('insights' in c) && !('putStatusType' in c));
  return { ...fake, summaryCalls };
}

describe('TofuiPage filters', () => {
  it('searches on the server as the user types (debounced) and shows the counts', async () => {
    const { summaryCalls } = await renderPage();
    expect(
      screen.getByRole('group', { name: 'Folders by verdict' }),
    ).toHaveTextContent('3 folders:❌ 1 failing❔ 0 unknown✅ 2 passing');

    fireEvent.change(screen.getByLabelText('Search repositories and folders'), {
      target: { value: 'gcp' },
    });
    await waitFor(() =>
      expect(summaryCalls().at(-1)).toMatchObject({ q: 'gcp' }),
    );
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(screen.getByText('gcp_europe_west1')).toBeInTheDocument();
    expect(screen.queryByText('aws_us_east_2')).toBeNull();
  });

  it('narrows the loaded rows at once while the server search is debounced', async () => {
    const { summaryCalls } = await renderPage();
    expect(screen.getAllByRole('row')).toHaveLength(4);
    fireEvent.change(screen.getByLabelText('Search repositories and folders'), {
      target: { value: 'NETWORK' },
    });
    // no request yet, the table already shows the match (display name too)
    expect(summaryCalls().some(c => 'q' in c)).toBe(false);
    expect(screen.getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText('🌐 Networking')).toBeInTheDocument();
    await waitFor(() =>
      expect(summaryCalls().at(-1)).toMatchObject({ q: 'NETWORK' }),
    );
  });

  it('filters by verdict from the counts and links repositories and folders to their views', async () => {
    const { summaryCalls } = await renderPage();
    fireEvent.click(screen.getByRole('button', { name: /1 failing/ }));
    await waitFor(() =>
      expect(summaryCalls().at(-1)).toMatchObject({ status: 'failing' }),
    );
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    const row = screen.getAllByRole('row')[1];
    expect(
      within(row).getByRole('link', { name: 'aws_us_east_2' }),
    ).toHaveAttribute('href', '/tofui/repos/acme/infrastructure/aws_us_east_2');
    expect(
      within(row).getByRole('link', { name: 'acme/infrastructure' }),
    ).toHaveAttribute('href', '/tofui/repos/acme/infrastructure');
    expect(screen.getByRole('button', { name: /1 failing/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('reads the filters from the URL, resolving relative times', async () => {
    const { summaryCalls } = await renderPage(
      '/tofui?type=test&since=7d&sort=recent&owner=group:default/network&status=bogus',
    );
    const query = summaryCalls()[0] as Record<string, string>;
    expect(query).toMatchObject({
      type: 'test',
      sort: 'recent',
      owner: 'group:default/network',
    });
    // an unknown verdict is ignored, not sent
    expect(query.status).toBeUndefined();
    const since = Date.parse(query.since);
    expect(Date.now() - since).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(Date.now() - since).toBeLessThan(7 * 24 * 3600_000 + 60_000);
    expect(screen.getByLabelText('Report type')).toHaveTextContent(
      'Tests (plan)',
    );
    expect(screen.getByLabelText('Sort by')).toHaveTextContent('Latest run');
  });

  it('says when nothing matches instead of how to publish', async () => {
    await renderPage();
    fireEvent.change(screen.getByLabelText('Search repositories and folders'), {
      target: { value: 'no-such-folder' },
    });
    expect(await screen.findByText('No folders match')).toBeInTheDocument();
    expect(screen.queryByText('No reports published yet')).toBeNull();
  });
});
