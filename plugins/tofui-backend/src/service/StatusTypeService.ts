import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_STATUS_TYPES,
  type PutStatusTypeRequest,
  type StatusType,
} from '@tofui/backstage-plugin-tofui-common';
import { isDeepStrictEqual } from 'node:util';
import type { StatusTypeSource, TofuiStore } from '../database/TofuiStore';
import type { TofuiEvents } from '../events/TofuiEvents';
import { recomputeVerdictsJobs } from '../queue/jobTypes';
import { STATUS_TYPE_CACHE_MS, type StatusTypeCache } from './StatusTypeCache';

type Definition = Omit<StatusType, 'source'>;

/**
 * Status types: the original dashboard's defaults, overridden by app-config
 * (`tofui.statusTypes`), overridden by admins through the API. Whenever a
 * definition changes, the verdicts of stored reports using it are recomputed
 * by a background job.
 */
export class StatusTypeService {
  constructor(
    private readonly store: TofuiStore,
    private readonly statusTypeCache: StatusTypeCache,
    private readonly events: TofuiEvents,
    private readonly logger: LoggerService,
  ) {}

  /** Brings stored status types in line with the defaults and the config. */
  async initialize(configured: ReadonlyArray<Definition>, now = new Date()) {
    const desired = new Map<
      string,
      { type: Definition; source: StatusTypeSource }
    >();
    for (const type of DEFAULT_STATUS_TYPES) {
      desired.set(type.key, { type, source: 'default' });
    }
    for (const type of configured) {
      desired.set(type.key, { type, source: 'config' });
    }
    let changed = 0;
    let index = 0;
    for (const { type, source } of desired.values()) {
      // Distinct creation times keep the listing in the defaults' order.
      const at = new Date(now.getTime() + index++);
      const existing = await this.store.statusTypes.get(type.key);
      if (existing?.source === 'api') {
        continue; // an admin's edit outlives config and defaults
      }
      if (
        existing &&
        existing.source === source &&
        existing.name === type.name &&
        isDeepStrictEqual(existing.mappings, type.mappings)
      ) {
        continue;
      }
      await this.store.transaction(async tx => {
        await tx.statusTypes.put(type, source, at);
        if (existing) {
          await this.enqueueRecompute(tx, type.key, at);
        }
      });
      changed += 1;
    }
    if (changed > 0) {
      this.logger.info(
        `tofUI status types: ${changed} added or updated from defaults and config`,
      );
      await this.changed();
    }
  }

  async list(): Promise<StatusType[]> {
    return this.store.statusTypes.list();
  }

  async put(
    key: string,
    body: PutStatusTypeRequest,
    actor: string,
    now = new Date(),
  ): Promise<{ statusType: StatusType; created: boolean }> {
    const result = await this.store.transaction(async tx => {
      const { statusType, before } = await tx.statusTypes.put(
        { key, name: body.name, mappings: body.mappings },
        'api',
        now,
      );
      await tx.auditLog.record(
        {
          entityType: 'status-type',
          entityId: key,
          action: before ? 'update' : 'create',
          actor,
          before,
          after: statusType,
        },
        now,
      );
      await this.enqueueRecompute(tx, key, now);
      return { statusType, created: !before };
    });
    await this.changed();
    return result;
  }

  /** A definition changed: verdicts are recomputed, every response may differ. */
  private async changed() {
    this.statusTypeCache.invalidate();
    await this.events.emit('jobsQueued', {});
    await this.events.emit('reportsChanged', {});
  }

  private async enqueueRecompute(tx: TofuiStore, key: string, now: Date) {
    for (const job of recomputeVerdictsJobs(key, now, STATUS_TYPE_CACHE_MS)) {
      await tx.jobs.enqueue(job, now);
    }
  }
}
