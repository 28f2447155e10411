import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  type ArtifactStorageFactory,
  createArtifactStorage,
  tofuiReportPermissionResourceRef,
  tofuiReportRules,
  tofuiStorageExtensionPoint,
} from '@tofui/backstage-plugin-tofui-node';
import os from 'node:os';
import path from 'node:path';
import { KnexTofuiStore } from './database/KnexTofuiStore';
import { DemoDataLoader } from './demo/DemoDataLoader';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  tofuiPermissions,
  tofuiReportReadPermission,
} from '@tofui/backstage-plugin-tofui-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { CatalogMappingSync } from './jobs/CatalogMappingSync';
import { CiPublishers } from './permissions/ciPublishers';
import { ReportPermissions } from './permissions/ReportPermissions';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { BuildTransitionNotifier } from './service/BuildTransitionNotifier';
import { JobRunner } from './jobs/JobRunner';
import { RENDER_REPORT_JOB, ReportRenderer } from './jobs/renderReport';
import { ReportSignals } from './service/ReportSignals';
import {
  RECOMPUTE_VERDICTS_JOB,
  recomputeVerdicts,
} from './jobs/recomputeVerdicts';
import { createRouter } from './routes/router';
import { ArtifactService } from './service/ArtifactService';
import { readApiLimits } from './service/apiLimits';
import { HealthService } from './service/HealthService';
import { OwnerScopes } from './service/OwnerScopes';
import { ReportService } from './service/ReportService';
import { RepositoryService } from './service/RepositoryService';
import { ResponseCache } from './service/ResponseCache';
import { TofuiMetrics } from './service/metrics';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { StatusTypeCache } from './service/StatusTypeCache';
import { StatusTypeService } from './service/StatusTypeService';
import { readStatusTypesConfig } from './service/statusTypeConfig';
import { readCatalogSyncSchedule } from './jobs/taskSchedule';
import { RetentionJob } from './jobs/RetentionJob';
import { readRetentionPolicy } from './jobs/retentionConfig';
import { ReplicationVerifier } from './jobs/ReplicationVerifier';
import { readReplicationVerifyPolicy } from './jobs/ReplicationVerifierConfig';

/**
 * tofUI backend plugin: the report API under `/api/tofui`.
 *
 * @public
 */
export const tofuiPlugin = createBackendPlugin({
  pluginId: 'tofui',
  register(env) {
    const extraStorageBackends = new Map<string, ArtifactStorageFactory>();
    env.registerExtensionPoint(tofuiStorageExtensionPoint, {
      addStorageBackend(name, factory) {
        if (extraStorageBackends.has(name)) {
          throw new Error(
            `tofUI storage backend '${name}' is already registered`,
          );
        }
        extraStorageBackends.set(name, factory);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        database: coreServices.database,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        rootHealth: coreServices.rootHealth,
        signals: signalsServiceRef,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        metrics: metricsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const {
          config,
          logger,
          auth,
          database,
          cache,
          scheduler,
          httpRouter,
          httpAuth,
          permissions,
          permissionsRegistry,
          auditor,
          rootHealth,
          signals,
          catalog,
          events,
          notifications,
          metrics,
        } = deps;
        const store = await KnexTofuiStore.create(database);
        const tofuiMetrics = new TofuiMetrics(metrics, () =>
          store.jobs.countPending(),
        );
        // Declared in tofui-common. Reading is a resource permission: its
        // rules (in tofui-node) become SQL filters.
        permissionsRegistry.addPermissions(
          tofuiPermissions.filter(p => p !== tofuiReportReadPermission),
        );
        permissionsRegistry.addResourceType({
          resourceRef: tofuiReportPermissionResourceRef,
          permissions: [tofuiReportReadPermission],
          rules: Object.values(tofuiReportRules),
          getResources: ids => store.mappings.coverageOfReports(ids),
        });
        const reportPermissions = new ReportPermissions(
          permissions,
          createConditionTransformer(
            permissionsRegistry.getPermissionRuleset(
              tofuiReportPermissionResourceRef,
            ),
          ),
          CiPublishers.fromConfig(config),
        );
        const storage = tofuiMetrics.countStorageErrors(
          await createArtifactStorage({
            config,
            getDatabase: () => database.getClient(),
            defaultLocalBasePath: path.join(os.tmpdir(), 'tofui-artifacts'),
            extraBackends: extraStorageBackends,
          }),
          config.getOptionalString('tofui.storage.backend') ?? 'local',
        );
        const limits = readApiLimits(config);
        const artifacts = new ArtifactService(
          storage,
          logger,
          limits.maxArtifactBytes,
        );
        const ttlSeconds = config.getOptionalNumber('tofui.cache.ttlSeconds');
        const responseCache = new ResponseCache(cache, logger, {
          ttlMs: ttlSeconds !== undefined ? ttlSeconds * 1000 : undefined,
          timeoutMs: config.getOptionalNumber('tofui.cache.timeoutMs'),
          retryIntervalMs: config.getOptionalNumber(
            'tofui.cache.retryIntervalMs',
          ),
          fleetRefreshMs: config.getOptionalNumber(
            'tofui.cache.fleetRefreshMs',
          ),
          metrics: tofuiMetrics,
        });

        const reportSignals = new ReportSignals(signals, logger);
        responseCache.onInvalidate(() => reportSignals.changed());
        const renderer = new ReportRenderer(
          store,
          artifacts,
          responseCache,
          logger,
        );
        const jobs = new JobRunner(
          store,
          {
            [RENDER_REPORT_JOB]: job =>
              tofuiMetrics.timeRender(() => renderer.handle(job)),
            [RECOMPUTE_VERDICTS_JOB]: async job => {
              await recomputeVerdicts(
                store,
                job.payload as { statusTypeKey: string },
              );
              await responseCache.invalidate();
            },
          },
          logger,
        );
        const statusTypeCache = new StatusTypeCache(store);
        const statusTypes = new StatusTypeService(
          store,
          responseCache,
          statusTypeCache,
          logger,
          () => jobs.wake(),
        );
        await statusTypes.initialize(readStatusTypesConfig(config));
        const notifier = new BuildTransitionNotifier(
          store,
          notifications,
          logger,
        );
        const reports = new ReportService(
          store,
          responseCache,
          statusTypeCache,
          artifacts,
          new OwnerScopes(catalog, store),
          () => jobs.wake(),
          report => {
            tofuiMetrics.reportPublished(report);
            return notifier.afterPublish(report);
          },
        );
        const repositories = new RepositoryService(store, responseCache);

        const demoFile = config.getOptionalString('tofui.demoData.file');
        if (demoFile) {
          await new DemoDataLoader(reports, logger).load(demoFile);
        }

        httpRouter.use(tofuiMetrics.publishTimer());
        httpRouter.use(
          await createRouter({
            httpAuth,
            auditor,
            permissions,
            reportPermissions,
            store,
            reports,
            repositories,
            statusTypes,
            health: new HealthService(
              store,
              storage,
              responseCache,
              logger,
              rootHealth,
            ),
            limits,
          }),
        );
        // Readiness and liveness (/v1/health/live: policies match prefixes).
        httpRouter.addAuthPolicy({
          path: '/v1/health',
          allow: 'unauthenticated',
        });
        // The HTML report is shown in a sandboxed frame, whose request can
        // only carry the user's Backstage cookie, not a token.
        httpRouter.addAuthPolicy({
          path: '/v1/reports/:id/html',
          allow: 'user-cookie',
        });
        await jobs.start(scheduler);
        const catalogSync = new CatalogMappingSync(
          catalog,
          auth,
          store,
          logger,
          () => responseCache.invalidate(),
        );
        await catalogSync.schedule(scheduler, readCatalogSyncSchedule(config));
        await catalogSync.syncOnCatalogEvents(events, scheduler);
        await new RetentionJob(
          store,
          artifacts,
          responseCache,
          logger,
          readRetentionPolicy(config),
          result => {
            // A dry run counts what it would archive (label dry_run="true").
            const count = result.dryRun ? result.candidates : result.archived;
            tofuiMetrics.recordRetention({
              archived: count,
              deleted: count,
              dryRun: result.dryRun,
            });
          },
        ).schedule(scheduler);
        // Replication verification: artifacts of recent reports in the DR
        // storage replica (tofui.replication.verify, off by default).
        const replication = readReplicationVerifyPolicy(config);
        if (replication) {
          await new ReplicationVerifier(
            store,
            await createArtifactStorage({
              config: replication.replicaConfig,
              getDatabase: () => database.getClient(),
              defaultLocalBasePath: path.join(os.tmpdir(), 'tofui-replica'),
              extraBackends: extraStorageBackends,
            }),
            logger,
            { ...replication, replicaName: replication.replicaBackend },
            result => tofuiMetrics.recordReplicationCheck(result),
          ).schedule(scheduler, replication.schedule);
        }
      },
    });
  },
});
