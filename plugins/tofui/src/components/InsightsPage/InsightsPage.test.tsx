import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { InsightsPage } from './InsightsPage';

describe('InsightsPage', () => {
  it('shows totals, charts and rankings from one aggregate request', async () => {
    const { api, calls } = fakeTofuiApi();
    await renderInTestApp(<InsightsPage />, {
      apis: [[tofuiApiRef, api]],
      mountedRoutes: { '/tofui': rootRouteRef },
    });
    const totals = await screen.findByRole('list', { name: 'Totals' });
    expect(totals).toHaveTextContent('Runs11');
    expect(totals).toHaveTextContent('Pass rate82%');
    expect(totals).toHaveTextContent('Failing now1 of 3 folders');
    expect(
      screen.getByRole('img', { name: 'Runs per day, builds and tests' }),
    ).toBeInTheDocument();
    const failing = screen.getByRole('table', { name: 'Most failing folders' });
    expect(
      within(failing).getByRole('link', {
        name: 'acme/infrastructure · aws_us_east_2',
      }),
    ).toHaveAttribute('href', '/tofui/repos/acme/infrastructure/aws_us_east_2');
    const active = screen.getByRole('table', {
      name: 'Most active repositories',
    });
    expect(within(active).getAllByRole('row')).toHaveLength(3);
    expect(calls.filter(c => 'insights' in c)).toEqual([
      { insights: { days: 30 } },
    ]);

    fireEvent.mouseDown(screen.getByLabelText('Window'));
    fireEvent.click(await screen.findByRole('option', { name: 'Last 7 days' }));
    await waitFor(() =>
      expect(calls.filter(c => 'insights' in c).at(-1)).toEqual({
        insights: { days: 7 },
      }),
    );
  });
});
