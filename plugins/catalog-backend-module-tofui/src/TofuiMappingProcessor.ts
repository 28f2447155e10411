import type { LoggerService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  getTofuiFolderPatterns,
  getTofuiRepository,
  TOFUI_MAPPING_CHANGED_TOPIC,
} from '@tofui/backstage-plugin-tofui-common';

const CACHE_KEY = 'tofui-mapping';

/** What of an entity tofUI depends on; a change calls for a sync. */
function mappingSignature(entity: Entity): string | null {
  const repository = getTofuiRepository(entity);
  if (!repository) {
    return null;
  }
  return JSON.stringify([
    repository.toLowerCase(),
    getTofuiFolderPatterns(entity) ?? null,
    entity.spec?.owner ?? null,
  ]);
}

/**
 * Watches entities as the catalog processes them and announces, once per
 * change, that an entity's tofUI mapping (repository, folders, owner)
 * appeared, changed or went away, so that tofUI syncs within seconds
 * instead of at its next scheduled sync. Deleted entities are caught by
 * the scheduled sync.
 *
 * @public
 */
export class TofuiMappingProcessor implements CatalogProcessor {
  constructor(
    private readonly events: EventsService,
    private readonly logger: LoggerService,
  ) {}

  getProcessorName(): string {
    return 'TofuiMappingProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const signature = mappingSignature(entity);
    const previous = (await cache.get<string | null>(CACHE_KEY)) ?? null;
    if (signature !== previous) {
      await cache.set(CACHE_KEY, signature);
      try {
        await this.events.publish({
          topic: TOFUI_MAPPING_CHANGED_TOPIC,
          eventPayload: { entityRef: stringifyEntityRef(entity) },
        });
      } catch (error) {
        // The scheduled sync catches up; processing must not fail for this.
        this.logger.warn(`tofUI mapping event not published: ${error}`);
      }
    }
    return entity;
  }
}
