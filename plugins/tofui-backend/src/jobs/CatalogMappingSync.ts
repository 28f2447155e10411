import type {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  type Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  getTofuiFolderPatterns,
  getTofuiRepository,
} from '@tofui/backstage-plugin-tofui-common';
import type { EventsService } from '@backstage/plugin-events-node';
import { TOFUI_MAPPING_CHANGED_TOPIC } from '@tofui/backstage-plugin-tofui-common';
import type { EntityMapping, TofuiStore } from '../database/TofuiStore';

export const CATALOG_SYNC_TASK = 'tofui-catalog-sync';

/** Annotations that can name an entity's repository (see getTofuiRepository). */
const REPOSITORY_ANNOTATIONS = [
  'tofui.io/repository',
  'github.com/project-slug',
  'gitlab.com/project-slug',
  'backstage.io/source-location',
];

const PAGE_SIZE = 500;

/**
 * Keeps tofUI's view of the catalog current: which entities cover which
 * repositories and folders, and who owns them. Repositories that entities
 * name are registered, so an entity's tab exists before its first report;
 * report history stays keyed by repository and folder, so renaming or moving
 * an entity only changes the mapping.
 */
export class CatalogMappingSync {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly store: TofuiStore,
    private readonly logger: LoggerService,
    /** Called after a sync changed what readers may see. */
    private readonly onChange: () => Promise<void>,
  ) {}

  /** Runs the sync on the scheduler (one instance at a time across replicas). */
  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: CATALOG_SYNC_TASK,
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.run();
      },
    });
  }

  /**
   * Syncs soon after the catalog announced a changed mapping (see
   * catalog/TofuiMappingProcessor), once per burst of announcements, and
   * after `delayMs` so the catalog has stitched the entity.
   */
  async syncOnCatalogEvents(
    events: EventsService,
    scheduler: SchedulerService,
    delayMs = 5_000,
  ): Promise<void> {
    let pending: NodeJS.Timeout | undefined;
    await events.subscribe({
      id: 'tofui-catalog-mapping',
      topics: [TOFUI_MAPPING_CHANGED_TOPIC],
      onEvent: async () => {
        pending ??= setTimeout(() => {
          pending = undefined;
          scheduler.triggerTask(CATALOG_SYNC_TASK).catch(error => {
            this.logger.warn(`tofUI catalog sync not triggered: ${error}`);
          });
        }, delayMs);
        pending.unref();
      },
    });
  }

  /** One full sync; returns the mappings it stored. */
  async run(now = new Date()): Promise<EntityMapping[]> {
    const mappings = await this.readMappings();
    // The same mappings again change nothing: every cached response would
    // be invalidated for no reason (folders published since were covered as
    // they came, see mapFolder)
    if (sameMappings(await this.store.mappings.list(), mappings)) {
      this.logger.debug(
        `tofUI catalog sync: ${mappings.length} entities, nothing changed`,
      );
      return mappings;
    }
    const registered = await this.store.mappings.replaceAll(mappings, now);
    await this.onChange();
    this.logger.info(
      `tofUI catalog sync: ${mappings.length} entities map ${
        new Set(mappings.map(m => m.repository.toLowerCase())).size
      } repositories; ${registered.length} repositories registered`,
    );
    return mappings;
  }

  private async readMappings(): Promise<EntityMapping[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const mappings: EntityMapping[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: REPOSITORY_ANNOTATIONS.map(annotation => ({
                [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
              })),
              fields: [
                'kind',
                'metadata.name',
                'metadata.namespace',
                'metadata.annotations',
                'relations',
              ],
              orderFields: { field: 'metadata.name', order: 'asc' },
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      for (const entity of page.items) {
        const mapping = toMapping(entity);
        if (mapping) mappings.push(mapping);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return mappings;
  }
}

function toMapping(entity: Entity): EntityMapping | undefined {
  const repository = getTofuiRepository(entity);
  if (!repository) {
    return undefined;
  }
  return {
    entityRef: stringifyEntityRef(entity),
    repository,
    folderPatterns: getTofuiFolderPatterns(entity),
    ownerRefs: (entity.relations ?? [])
      .filter(relation => relation.type === RELATION_OWNED_BY)
      .map(relation => relation.targetRef),
  };
}

/** Whether two sets of mappings say the same, whatever their order and case. */
function sameMappings(a: EntityMapping[], b: EntityMapping[]): boolean {
  const canonical = (mappings: EntityMapping[]) =>
    JSON.stringify(
      mappings
        .map(m => [
          m.entityRef.toLocaleLowerCase('en-US'),
          m.repository.toLowerCase(),
          m.folderPatterns ?? null,
          [
            ...new Set(m.ownerRefs.map(o => o.toLocaleLowerCase('en-US'))),
          ].sort(),
        ])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  return canonical(a) === canonical(b);
}
