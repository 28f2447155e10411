import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { StatusType } from '@tofui/backstage-plugin-tofui-common';
import type { RedactionOptions } from '@tofui/report';
import { DEFAULT_STORAGE_BACKEND } from '@tofui/backstage-plugin-tofui-node';
import { type ApiLimits, readApiLimits } from './api';
import { type CacheSettings, readCacheSettings } from './cache';
import { type CiSettings, readCiSettings } from './ci';
import {
  readReplicationVerifyPolicy,
  type ReplicationVerifyPolicy,
} from './replication';
import { readRedactionConfig } from './redaction';
import { readRetentionPolicy, type RetentionPolicy } from './retention';
import { type ProcessingSettings, readProcessingSettings } from './processing';
import { readCatalogSyncSchedule } from './schedules';
import { readStatusTypesConfig } from './statusTypes';

/**
 * The backend plugin's configuration, section by section as `config.d.ts`
 * declares it, read and checked once at start-up (a mistake fails start-up
 * naming the key). `tofui.rbac` is the host's permission policy's, not the
 * plugin's.
 */
export interface TofuiConfig {
  /**
   * `tofui.storage`: the root config, as createArtifactStorage reads it, and
   * whether the backend was chosen or is the default.
   */
  storage: { backend: string; chosen: boolean; config: Config };
  /** `tofui.api` */
  api: ApiLimits;
  /** `tofui.statusTypes` */
  statusTypes: Array<Omit<StatusType, 'source'>>;
  /** `tofui.cache` */
  cache: CacheSettings;
  /** `tofui.processing` */
  processing: ProcessingSettings;
  /** `tofui.demoData.file` */
  demoDataFile?: string;
  /** `tofui.ci` */
  ci: CiSettings;
  /** `tofui.retention` */
  retention: RetentionPolicy;
  /** `tofui.replication.verify`; undefined when off. */
  replication?: ReplicationVerifyPolicy;
  /** `tofui.catalogSync` */
  catalogSync: { schedule: SchedulerServiceTaskScheduleDefinition };
  /** `tofui.redaction`: the second redaction layer, as the CLI applies it too. */
  redaction: RedactionOptions;
}

/** Reads every `tofui.*` key the backend plugin uses. */
export function readTofuiConfig(config: Config): TofuiConfig {
  return {
    storage: {
      backend:
        config.getOptionalString('tofui.storage.backend') ??
        DEFAULT_STORAGE_BACKEND,
      chosen: config.has('tofui.storage.backend'),
      config,
    },
    api: readApiLimits(config),
    statusTypes: readStatusTypesConfig(config),
    cache: readCacheSettings(config),
    processing: readProcessingSettings(config),
    demoDataFile: config.getOptionalString('tofui.demoData.file'),
    ci: readCiSettings(config),
    retention: readRetentionPolicy(config),
    replication: readReplicationVerifyPolicy(config),
    catalogSync: { schedule: readCatalogSyncSchedule(config) },
    redaction: readRedactionConfig(config),
  };
}
