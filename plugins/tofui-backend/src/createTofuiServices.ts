import type {
  AuthService,
  CacheService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootHealthService,
  RootInstanceMetadataService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  type ArtifactStorageFactory,
  createArtifactStorage,
} from '@tofui/backstage-plugin-tofui-node';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '@backstage/config';
import type { TofuiConfig } from './config/readTofuiConfig';
import { KnexTofuiStore } from './database/KnexTofuiStore';
import { TofuiEvents } from './events/TofuiEvents';
import { CatalogMappingSync } from './jobs/CatalogMappingSync';
import { createJobHandlers } from './jobs/jobHandlers';
import { ChangeIndexer } from './jobs/indexChanges';
import { ReportRenderer } from './jobs/renderReport';
import { ReplicationVerifier } from './jobs/ReplicationVerifier';
import { RetentionJob } from './jobs/RetentionJob';
import { HeavyWork } from './processing/HeavyWork';
import { createHeavyWorkMetrics } from './processing/processingMetrics';
import { registerReportPermissions } from './permissions/registerReportPermissions';
import { JobRunner } from './queue/JobRunner';
import { ArtifactService } from './service/ArtifactService';
import { BuildTransitionNotifier } from './service/BuildTransitionNotifier';
import { HealthService } from './service/HealthService';
import { TofuiMetrics } from './service/metrics';
import { OptionalPlugins } from './service/OptionalPlugins';
import { FolderScopes } from './service/FolderScopes';
import { ReportService } from './service/ReportService';
import { ChangeService } from './service/ChangeService';
import { ReportSignals } from './service/ReportSignals';
import { RepositoryService } from './service/RepositoryService';
import { ResponseCache } from './service/ResponseCache';
import { StatusTypeCache } from './service/StatusTypeCache';
import { StatusTypeService } from './service/StatusTypeService';

/** The Backstage services the plugin builds on. */
export interface TofuiDeps {
  logger: LoggerService;
  auth: AuthService;
  database: DatabaseService;
  cache: CacheService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  rootHealth: RootHealthService;
  rootInstanceMetadata: RootInstanceMetadataService;
  signals: SignalsService;
  catalog: CatalogService;
  events: EventsService;
  metrics: MetricsService;
  notifications: NotificationService;
}

/**
 * Builds every object of the plugin and says what follows what: which
 * events each part listens to, and which jobs run on the scheduler. The
 * result is what the router serves and what `startJobs` schedules.
 */
export async function createTofuiServices(
  deps: TofuiDeps,
  config: TofuiConfig,
  extraStorageBackends: ReadonlyMap<string, ArtifactStorageFactory>,
) {
  const { logger, database } = deps;
  const optional = await OptionalPlugins.detect(
    deps.rootInstanceMetadata,
    logger,
  );
  const store = await KnexTofuiStore.create(database);
  const metrics = new TofuiMetrics(deps.metrics, () =>
    store.jobs.countPending(),
  );
  const reportPermissions = registerReportPermissions(deps, store, config.ci);
  const openStorage = (storageConfig: Config, defaultDir: string) =>
    createArtifactStorage({
      config: storageConfig,
      getDatabase: () => database.getClient(),
      defaultLocalBasePath: path.join(os.tmpdir(), defaultDir),
      extraBackends: extraStorageBackends,
    });
  if (!config.storage.chosen) {
    logger.info(
      `tofui.storage.backend is not set: artifacts (HTML reports, plans, logs) are kept in the plugin's database, up to tofui.storage.database.maxSizeMb each; object storage suits large installations (s3, minio, azure, gcs)`,
    );
  }
  const storage = metrics.countStorageErrors(
    await openStorage(config.storage.config, 'tofui-artifacts'),
    config.storage.backend,
  );
  const heavy = new HeavyWork(
    config.processing,
    createHeavyWorkMetrics(deps.metrics),
    logger,
  );
  const artifacts = new ArtifactService(
    storage,
    logger,
    config.api.maxArtifactBytes,
    heavy,
    config.redaction,
  );

  const events = new TofuiEvents(logger);
  const responseCache = new ResponseCache(deps.cache, logger, {
    ...config.cache,
    metrics,
    events,
  });
  const reportSignals = new ReportSignals(deps.signals, logger);
  const notifier = new BuildTransitionNotifier(
    store,
    deps.notifications,
    logger,
  );
  const renderer = new ReportRenderer(
    store,
    artifacts,
    events,
    logger,
    heavy,
  );
  const indexer = new ChangeIndexer(store, artifacts, logger, heavy);
  const runner = new JobRunner(
    store,
    createJobHandlers({ store, renderer, indexer, events, metrics }),
    logger,
  );
  // In this order: cached responses are invalidated before open pages are
  // told to refetch.
  events.on('reportsChanged', change => responseCache.invalidate(change));
  if (optional.has('signals')) {
    events.on('reportsChanged', () => reportSignals.changed());
    events.on('fleetResponsesRefreshed', () => reportSignals.changed());
    events.on('changesIndexed', () => reportSignals.changed());
  }
  events.on('jobsQueued', () => runner.wake());
  events.on('reportPublished', ({ report }) => {
    metrics.reportPublished(report);
    if (optional.has('notifications')) {
      // in the background: the CI run does not wait for notifications
      void notifier.afterPublish(report);
    }
  });

  const statusTypeCache = new StatusTypeCache(store);
  const statusTypes = new StatusTypeService(
    store,
    statusTypeCache,
    events,
    logger,
  );
  await statusTypes.initialize(config.statusTypes);
  const scopes = new FolderScopes(deps.catalog, store);
  const reports = new ReportService(
    store,
    responseCache,
    statusTypeCache,
    artifacts,
    scopes,
    events,
  );
  const changes = new ChangeService(store, reports, scopes);
  const repositories = new RepositoryService(store, responseCache, events);
  const health = new HealthService(
    store,
    storage,
    responseCache,
    logger,
    deps.rootHealth,
  );

  /** The queue's runner and the scheduled jobs. */
  async function startJobs(scheduler: SchedulerService) {
    await runner.start(scheduler);
    const catalogSync = new CatalogMappingSync(
      deps.catalog,
      deps.auth,
      store,
      logger,
      () => events.emit('reportsChanged', {}),
    );
    await catalogSync.schedule(scheduler, config.catalogSync.schedule);
    await catalogSync.syncOnCatalogEvents(deps.events, scheduler);
    await new RetentionJob(
      store,
      artifacts,
      events,
      logger,
      config.retention,
      result => {
        // A dry run counts what it would archive (label dry_run="true").
        const count = result.dryRun ? result.candidates : result.archived;
        metrics.recordRetention({
          archived: count,
          deleted: count,
          dryRun: result.dryRun,
        });
      },
    ).schedule(scheduler);
    // Artifacts of recent reports in the DR storage replica.
    const replication = config.replication;
    if (replication) {
      await new ReplicationVerifier(
        store,
        await openStorage(replication.replicaConfig, 'tofui-replica'),
        logger,
        { ...replication, replicaName: replication.replicaBackend },
        result => metrics.recordReplicationCheck(result),
      ).schedule(scheduler, replication.schedule);
    }
  }

  return {
    store,
    metrics,
    reportPermissions,
    reports,
    changes,
    repositories,
    statusTypes,
    health,
    startJobs,
  };
}
