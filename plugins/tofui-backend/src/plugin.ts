import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createArtifactStorage } from '@internal/plugin-tofui-node';
import os from 'node:os';
import path from 'node:path';
import { KnexReportStore } from './database/KnexReportStore';
import { DemoDataLoader } from './demo/DemoDataLoader';
import { HealthService } from './service/HealthService';
import { ReportService } from './service/ReportService';
import { ResponseCache } from './service/ResponseCache';
import { createRouter } from './service/router';

/**
 * tofUI backend plugin: the report API under `/api/tofui`.
 *
 * @public
 */
export const tofuiPlugin = createBackendPlugin({
  pluginId: 'tofui',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ config, logger, database, cache, httpRouter, httpAuth }) {
        const store = await KnexReportStore.create({ database, logger });
        const storage = createArtifactStorage(config, {
          defaultLocalBasePath: path.join(os.tmpdir(), 'tofui-artifacts'),
        });
        const ttlSeconds = config.getOptionalNumber('tofui.cache.ttlSeconds');
        const responseCache = new ResponseCache(
          cache,
          logger,
          ttlSeconds !== undefined ? ttlSeconds * 1000 : undefined,
        );
        const reports = new ReportService(store, responseCache);
        await reports.initialize();

        const demoFile = config.getOptionalString('tofui.demoData.file');
        if (demoFile) {
          await new DemoDataLoader(reports, logger).load(demoFile);
        }

        httpRouter.use(
          await createRouter({
            httpAuth,
            reports,
            health: new HealthService(store, storage, logger),
          }),
        );
        httpRouter.addAuthPolicy({
          path: '/v1/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
