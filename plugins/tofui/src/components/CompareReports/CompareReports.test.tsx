import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi, report } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { CompareReports } from './CompareReports';

const head = report({
  id: 't1',
  folder: 'gcp_europe_west1',
  reportType: 'test',
  buildName: 'pr-7',
});
const base = report({
  id: 'b2',
  folder: 'gcp_europe_west1',
  buildName: 'deploy-57',
  createdAt: '2026-11-20T10:00:00.000Z',
});
const older = report({
  id: 'b1',
  folder: 'gcp_europe_west1',
  buildName: 'deploy-56',
  createdAt: '2026-11-19T10:00:00.000Z',
});

/** The report view keeps the base in its URL; here in state. */
const Harness = () => {
  const [chosen, setChosen] = useState<string>();
  return (
    <CompareReports report={head} base={chosen} onBaseChange={setChosen} />
  );
};

describe('CompareReports', () => {
  it('compares with the previous run by default, keyed by address', async () => {
    const { api, changeCalls } = fakeTofuiApi([], [head, base, older]);
    await renderInTestApp(<Harness />, {
      apis: [[tofuiApiRef, api]],
      mountedRoutes: { '/tofui': rootRouteRef },
    });
    const counts = await screen.findByRole('list', { name: 'Differences' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      'Added: 1',
      'Removed: 1',
      'Action changed: 1',
      'Attributes changed: 1',
      'Unchanged: 7',
    ]);
    expect(changeCalls[0]).toEqual({ compare: 't1', base: undefined });
    expect(await screen.findByText(/Base:/)).toHaveTextContent('deploy-57');
    // added and changed link into this report, removed into the base
    expect(
      screen.getByRole('link', { name: 'google_storage_bucket.new' }),
    ).toHaveAttribute(
      'href',
      '/tofui/reports/t1?resource=google_storage_bucket.new',
    );
    expect(
      screen.getByRole('link', { name: 'google_compute_instance.old' }),
    ).toHaveAttribute(
      'href',
      '/tofui/reports/b2?resource=google_compute_instance.old',
    );
    const actions = screen.getByRole('heading', { name: 'Action changed (1)' })
      .nextElementSibling as HTMLElement;
    expect(within(actions).getAllByRole('row')[1]).toHaveTextContent(
      'google_sql_database.main~ update-/+ replace',
    );
    const attributes = screen.getByRole('heading', {
      name: 'Attributes changed (1)',
    }).nextElementSibling as HTMLElement;
    expect(within(attributes).getAllByRole('row')[1]).toHaveTextContent(
      'google_storage_bucket.logs~ updatelabels.teamversioning',
    );
  });

  it('offers the other runs of the folder as the base', async () => {
    const { api, changeCalls } = fakeTofuiApi([], [head, base, older]);
    await renderInTestApp(<Harness />, {
      apis: [[tofuiApiRef, api]],
      mountedRoutes: { '/tofui': rootRouteRef },
    });
    await screen.findByRole('list', { name: 'Differences' });
    fireEvent.mouseDown(screen.getByLabelText('Compare with…'));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Previous run (default)',
      expect.stringContaining('deploy-57 · apply'),
      expect.stringContaining('deploy-56 · apply'),
    ]);
    fireEvent.click(options[2]);
    await waitFor(() =>
      expect(changeCalls.at(-1)).toEqual({ compare: 't1', base: 'b1' }),
    );
    await waitFor(() =>
      expect(screen.getByText(/Base:/)).toHaveTextContent('deploy-56'),
    );
  });

  it('says so when there is no earlier run', async () => {
    const { api } = fakeTofuiApi(
      [],
      [head],
      {},
      {
        compare: {
          head: 't1',
          added: [],
          removed: [],
          actionChanged: [],
          attributesChanged: [],
          unchangedCount: 0,
        },
      },
    );
    await renderInTestApp(<Harness />, {
      apis: [[tofuiApiRef, api]],
      mountedRoutes: { '/tofui': rootRouteRef },
    });
    expect(
      await screen.findByText(
        'No earlier run of this folder: every change is new.',
      ),
    ).toBeInTheDocument();
  });
});
