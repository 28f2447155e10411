import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { entityTofuiContent, tofuiPage } from './alpha';
import { tofuiApiRef } from './api';
import { fakeTofuiApi } from './__testUtils__/fakeTofuiApi';

describe('tofUI extensions (new frontend system)', () => {
  it('mounts the dashboard page at /tofui', async () => {
    const { api } = fakeTofuiApi();
    const tester = createExtensionTester(tofuiPage, {
      apis: [[tofuiApiRef, api]],
    });
    await renderInTestApp(tester.reactElement(), {
      apis: [[tofuiApiRef, api]],
    });
    // the page is loaded lazily: give a cold module cache (fresh clone) time
    expect(
      await screen.findByText('aws_us_east_2', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
  }, 30_000);

  it('offers the entity tab only to entities with a repository', () => {
    const tester = createExtensionTester(entityTofuiContent);
    const filter = tester.get(
      // the filter function the catalog uses to decide on the tab
      require('@backstage/plugin-catalog-react/alpha').EntityContentBlueprint
        .dataRefs.filterFunction,
    ) as (e: unknown) => boolean;
    const withRepo = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'a', annotations: { 'tofui.io/repository': 'acme/x' } },
    };
    const without = { ...withRepo, metadata: { name: 'b' } };
    expect(filter(withRepo)).toBe(true);
    expect(filter(without)).toBe(false);
  });
});
