import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  type ArtifactStorageFactory,
  tofuiStorageExtensionPoint,
} from '@tofui/backstage-plugin-tofui-node';
import { readTofuiConfig } from './config/readTofuiConfig';
import { createTofuiServices } from './createTofuiServices';
import { DemoDataLoader } from './demo/DemoDataLoader';
import { createRouter } from './routes/router';

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
        rootConfig: coreServices.rootConfig,
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
        rootInstanceMetadata: coreServices.rootInstanceMetadata,
        signals: signalsServiceRef,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        metrics: metricsServiceRef,
        notifications: notificationService,
      },
      async init({ rootConfig, httpRouter, scheduler, ...deps }) {
        const config = readTofuiConfig(rootConfig);
        const services = await createTofuiServices(
          deps,
          config,
          extraStorageBackends,
        );
        if (config.demoDataFile) {
          await new DemoDataLoader(services.reports, deps.logger).load(
            config.demoDataFile,
          );
        }

        httpRouter.use(services.metrics.publishTimer());
        httpRouter.use(
          await createRouter({
            ...services,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            permissions: deps.permissions,
            limits: config.api,
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
        await services.startJobs(scheduler);
      },
    });
  },
});
