import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import plugin, {
  entityTofuiCard,
  entityTofuiContent,
  tofuiPage,
} from './alpha';
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

  it('offers the overview card only to entities with a repository', () => {
    const tester = createExtensionTester(entityTofuiCard);
    const filter = tester.get(
      require('@backstage/plugin-catalog-react/alpha').EntityCardBlueprint
        .dataRefs.filterFunction,
    ) as (e: unknown) => boolean;
    const entity = (annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'a', annotations },
    });
    expect(filter(entity({ 'github.com/project-slug': 'acme/x' }))).toBe(true);
    expect(filter(entity({}))).toBe(false);
  });

  it('exposes every view as a route of the plugin', () => {
    expect(Object.keys(plugin.routes).sort()).toEqual([
      'changes',
      'drift',
      'folder',
      'insights',
      'report',
      'repository',
      'resourceHistory',
      'root',
      'settings',
    ]);
  });
});
