import { renderInTestApp } from '@backstage/frontend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { change, fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { ChangesPage } from './ChangesPage';

async function renderPage(url = '/tofui/changes', fake = fakeTofuiApi()) {
  await renderInTestApp(<ChangesPage />, {
    apis: [
      [tofuiApiRef, fake.api],
      [catalogApiRef, catalogApiMock()],
    ],
    mountedRoutes: { '/tofui': rootRouteRef },
    initialRouteEntries: [url],
  });
  return fake;
}

describe('ChangesPage', () => {
  it('lists changes newest first, each opening the report at the resource and its timeline', async () => {
    await renderPage();
    const table = await screen.findByRole('table', {
      name: 'Resource changes',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent(
      /acme\/infrastructure · gcp_europe_west1.*google_storage_bucket\.logs.*~ update.*labels\.team.*pr-7.*plan · feature\/labels · alice/,
    );
    expect(
      within(rows[0]).getByRole('link', { name: 'google_storage_bucket.logs' }),
    ).toHaveAttribute(
      'href',
      '/tofui/reports/t1?resource=google_storage_bucket.logs',
    );
    expect(
      within(rows[0]).getByRole('link', { name: 'Timeline' }),
    ).toHaveAttribute(
      'href',
      '/tofui/resources/history?repository=acme%2Finfrastructure&folder=gcp_europe_west1&address=google_storage_bucket.logs',
    );
    expect(rows[2]).toHaveTextContent('~ update (drift)');
  });

  it('reads every filter from the URL and sends it to the server', async () => {
    const { changeCalls } = await renderPage(
      '/tofui/changes?repository=acme/infrastructure&folder=aws_us_east_2&address=**.aws_iam_role.*&action=delete&action=bogus&action=replace&type=aws_iam_role&provider=p&attribute=tags.Team&reportType=build&branch=main&actor=bob&since=2026-11-01&until=2026-11-30&owner=group:default/network',
    );
    await screen.findByRole('table', { name: 'Resource changes' });
    expect(changeCalls[0]).toEqual({
      changes: {
        repository: 'acme/infrastructure',
        folder: 'aws_us_east_2',
        address: '**.aws_iam_role.*',
        action: ['delete', 'replace'],
        type: 'aws_iam_role',
        provider: 'p',
        attribute: 'tags.Team',
        reportType: 'build',
        branch: 'main',
        actor: 'bob',
        owner: 'group:default/network',
        since: '2026-11-01T00:00:00.000Z',
        // the last day counts whole
        until: '2026-12-01T00:00:00.000Z',
        limit: 50,
        cursor: undefined,
      },
    });
    expect(screen.getByLabelText('Address')).toHaveValue('**.aws_iam_role.*');
    expect(screen.getByLabelText('From (UTC)')).toHaveValue('2026-11-01');
  });

  it('applies a typed filter after a pause and chooses several actions', async () => {
    const { changeCalls } = await renderPage();
    await screen.findByRole('table', { name: 'Resource changes' });
    fireEvent.change(screen.getByLabelText('Address'), {
      target: { value: 'module.iam.*' },
    });
    await waitFor(() =>
      expect(changeCalls.at(-1)).toMatchObject({
        changes: { address: 'module.iam.*' },
      }),
    );
    fireEvent.mouseDown(screen.getByLabelText('Action'));
    fireEvent.click(await screen.findByRole('option', { name: 'delete' }));
    fireEvent.click(await screen.findByRole('option', { name: 'replace' }));
    await waitFor(() =>
      expect(changeCalls.at(-1)).toMatchObject({
        changes: { address: 'module.iam.*', action: ['delete', 'replace'] },
      }),
    );
  });

  it('loads more with the cursor and says when nothing matches', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      change({ address: `aws_instance.n${i}` }),
    );
    const fake = fakeTofuiApi(undefined, [], {}, { changes: many });
    await renderPage('/tofui/changes', fake);
    const table = await screen.findByRole('table', {
      name: 'Resource changes',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(61),
    );
    expect(fake.changeCalls.at(-1)).toMatchObject({
      changes: { cursor: '50' },
    });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await renderPage(
      '/tofui/changes?type=none',
      fakeTofuiApi(undefined, [], {}, { changes: [] }),
    );
    expect(
      await screen.findByText('No change matches these filters.'),
    ).toBeInTheDocument();
  });

  it('shows why when the user may not read reports', async () => {
    const fake = fakeTofuiApi();
    fake.api.listChanges = async () => {
      throw new NotAllowedError('Not allowed: tofui.report.read');
    };
    await renderPage('/tofui/changes', fake);
    expect(
      await screen.findByText('Error: Not allowed: tofui.report.read'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
