import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import type { JsonValue } from '@backstage/types';
import { TOFUI_MAPPING_CHANGED_TOPIC } from '@tofui/backstage-plugin-tofui-common';
import { TofuiMappingProcessor } from './TofuiMappingProcessor';

/** The catalog's per-entity processor cache, kept between runs. */
function processorCache(): CatalogProcessorCache {
  const values = new Map<string, JsonValue>();
  return {
    get: async <T extends JsonValue>(key: string) =>
      values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

const entity = (
  annotations: Record<string, string>,
  owner = 'team-a',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'network', annotations },
  spec: { owner },
});

describe('TofuiMappingProcessor', () => {
  it('announces a mapping once per change, and its removal', async () => {
    const events = mockServices.events.mock();
    const processor = new TofuiMappingProcessor(
      events,
      mockServices.logger.mock(),
    );
    const cache = processorCache();
    const run = (e: Entity) =>
      processor.postProcessEntity(
        e,
        { type: 'url', target: 'x' },
        () => {},
        cache,
      );

    const mapped = entity({ 'tofui.io/repository': 'acme/infra' });
    expect(await run(mapped)).toBe(mapped);
    await run(mapped); // processed again, unchanged: no event
    await run(
      entity({
        'tofui.io/repository': 'acme/infra',
        'tofui.io/folders': 'aws_*',
      }),
    );
    await run(
      entity(
        { 'tofui.io/repository': 'acme/infra', 'tofui.io/folders': 'aws_*' },
        'team-b',
      ),
    );
    await run(entity({})); // annotation removed
    await run(entity({}));

    expect(events.publish).toHaveBeenCalledTimes(4);
    expect(events.publish).toHaveBeenLastCalledWith({
      topic: TOFUI_MAPPING_CHANGED_TOPIC,
      eventPayload: { entityRef: 'component:default/network' },
    });
  });

  it('never announces entities tofUI does not map', async () => {
    const events = mockServices.events.mock();
    const processor = new TofuiMappingProcessor(
      events,
      mockServices.logger.mock(),
    );
    await processor.postProcessEntity(
      entity({ 'backstage.io/source-location': 'url:https://example.com/x' }),
      { type: 'url', target: 'x' },
      () => {},
      processorCache(),
    );
    expect(events.publish).not.toHaveBeenCalled();
  });
});
