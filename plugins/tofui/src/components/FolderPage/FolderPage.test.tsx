import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi, report } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { FolderPage } from './FolderPage';

describe('FolderPage', () => {
  it('shows the verdict, latest runs, trends of the latest runs and history', async () => {
    const history = [
      report({
        id: 'h3',
        folder: 'aws_us_east_2',
        buildName: 'deploy-57',
        overallStatus: 'failing',
        summary: { add: 1, change: 2, destroy: 3 },
      }),
      report({
        id: 'h2',
        folder: 'aws_us_east_2',
        buildName: 'pr-9',
        reportType: 'test',
        summary: { add: 4 },
      }),
      report({ id: 'h1', folder: 'aws_us_east_2', buildName: 'deploy-56' }),
    ];
    const { api } = fakeTofuiApi(undefined, history);
    await renderInTestApp(
      <Routes>
        <Route
          path="/tofui/repos/:owner/:repo/:folder"
          element={<FolderPage />}
        />
      </Routes>,
      {
        apis: [[tofuiApiRef, api]],
        mountedRoutes: { '/tofui': rootRouteRef },
        initialRouteEntries: ['/tofui/repos/acme/infrastructure/aws_us_east_2'],
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'aws_us_east_2' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'acme/infrastructure' }),
    ).toHaveAttribute('href', '/tofui/repos/acme/infrastructure');
    expect((await screen.findAllByText('FAILING')).length).toBeGreaterThan(0);
    expect(
      await screen.findByRole('img', {
        name: 'Verdicts of the latest 3 runs: 2 passing',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Planned additions, changes and destructions per run',
      }),
    ).toBeInTheDocument();
    const historyTable = await screen.findByRole('table', {
      name: 'History of acme/infrastructure aws_us_east_2',
    });
    expect(historyTable).toHaveTextContent('pr-9');
  });
});
