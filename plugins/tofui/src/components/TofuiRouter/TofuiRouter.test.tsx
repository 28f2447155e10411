import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { tofuiApiRef } from '../../api';
import { fakeTofuiApi } from '../../__testUtils__/fakeTofuiApi';
import { TofuiRouter } from './TofuiRouter';

// Which heavy modules have been loaded: each mock notes its first require
// (a function declaration: hoisted with the mocks, whenever they run).
function mockNoteLoaded(name: string) {
  const global = globalThis as { tofuiLoaded?: Set<string> };
  global.tofuiLoaded ??= new Set();
  global.tofuiLoaded.add(name);
}
const loaded = () =>
  (globalThis as { tofuiLoaded?: Set<string> }).tofuiLoaded ?? new Set();

jest.mock('recharts', () => {
  mockNoteLoaded('recharts');
  return jest.requireActual('recharts');
});
jest.mock('../PlanView/PlanExplorer', () => {
  mockNoteLoaded('PlanExplorer');
  return jest.requireActual('../PlanView/PlanExplorer');
});

describe('TofuiRouter', () => {
  // In this order: the module registry (what has been loaded) is per file.
  it('draws the dashboard without the charts and the plan explorer', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(<TofuiRouter />, {
      apis: [[tofuiApiRef, api]],
      initialRouteEntries: ['/'],
    });
    expect(
      await screen.findByText('aws_us_east_2', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect([...loaded()]).toEqual([]);
  }, 30_000);

  it('loads the charts with the insights view', async () => {
    const { api } = fakeTofuiApi();
    await renderInTestApp(<TofuiRouter />, {
      apis: [[tofuiApiRef, api]],
      initialRouteEntries: ['/insights'],
    });
    expect(
      await screen.findByRole(
        'heading',
        { name: /insights/i },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(loaded().has('recharts')).toBe(true);
  }, 30_000);
});
