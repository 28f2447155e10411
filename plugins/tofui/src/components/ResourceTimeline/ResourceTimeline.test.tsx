import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { change, fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { rootRouteRef } from '../../routes';
import { ResourceTimeline } from './ResourceTimeline';

const address = 'aws_security_group.web';
const runs = [
  change({
    reportId: 'r3',
    folder: 'aws_us_east_2',
    address,
    action: 'update',
    attributes: ['ingress', 'tags.Team'],
    buildName: 'pr-12',
  }),
  change({
    reportId: 'r2',
    folder: 'aws_us_east_2',
    address,
    action: 'update',
    drift: true,
    attributes: ['ingress'],
    buildName: 'deploy-9',
    reportType: 'build',
    createdAt: new Date(Date.now() - 86_400_000).toISOString(),
  }),
  change({
    reportId: 'r1',
    folder: 'aws_us_east_2',
    address,
    action: 'create',
    attributes: [],
    buildName: 'deploy-1',
    reportType: 'build',
    createdAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
  }),
  change({ folder: 'other', address }),
];

async function renderTimeline(url: string) {
  const fake = fakeTofuiApi(undefined, [], {}, { changes: runs });
  await renderInTestApp(<ResourceTimeline />, {
    apis: [[tofuiApiRef, fake.api]],
    mountedRoutes: { '/tofui': rootRouteRef },
    initialRouteEntries: [url],
  });
  return fake;
}

describe('ResourceTimeline', () => {
  it('shows every run that touched the resource: time, action, attributes, report link', async () => {
    const { changeCalls } = await renderTimeline(
      `/tofui/resources/history?repository=acme/infrastructure&folder=aws_us_east_2&address=${address}`,
    );
    const table = await screen.findByRole('table', {
      name: `Runs that changed ${address}`,
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringMatching(/ago~ updateingress, tags\.Teampr-12/),
      expect.stringMatching(/~ update \(drift\)ingressdeploy-9apply/),
      expect.stringMatching(/\+ createdeploy-1apply/),
    ]);
    expect(
      within(rows[2]).getByRole('link', { name: 'deploy-1' }),
    ).toHaveAttribute('href', `/tofui/reports/r1?resource=${address}`);
    expect(screen.getByRole('heading', { name: address })).toBeInTheDocument();
    expect(changeCalls).toEqual([
      {
        history: {
          repository: 'acme/infrastructure',
          folder: 'aws_us_east_2',
          address,
          limit: 50,
          cursor: undefined,
        },
      },
    ]);
  });

  it('asks which resource without one', async () => {
    const { changeCalls } = await renderTimeline(
      '/tofui/resources/history?repository=acme/infrastructure',
    );
    expect(await screen.findByText(/Which resource\?/)).toBeInTheDocument();
    expect(changeCalls).toEqual([]);
  });
});
