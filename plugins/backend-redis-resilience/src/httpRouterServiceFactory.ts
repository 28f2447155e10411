import {
  createAuthIntegrationRouter,
  createCookieAuthRefreshMiddleware,
  createCredentialsBarrier,
  createLifecycleMiddleware,
  createRateLimitMiddleware,
} from '@backstage/backend-defaults/httpRouter';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { pluginRateLimit } from './pluginRateLimit';
import { RateLimitRedis } from './redisRateLimitStore';

/**
 * Backstage's plugin HTTP router (the same middleware, in the same order, as
 * `httpRouterServiceFactory` of Backstage's backend-defaults) whose rate
 * limiter, when `backend.rateLimit.store.type` is `redis`, counts in Redis
 * through a client that neither hangs nor stays disconnected after an
 * outage, and lets requests through while Redis is down (see
 * RateLimitRedis). Other stores: Backstage's own middleware. Install with
 * `backend.add(failOpenRateLimitHttpRouterServiceFactory)`.
 *
 * @public
 */
export const failOpenRateLimitHttpRouterServiceFactory = createServiceFactory({
  service: coreServices.httpRouter,
  initialization: 'always',
  deps: {
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
    rootHttpRouter: coreServices.rootHttpRouter,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    logger: coreServices.logger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    const store = config.getOptionalConfig('backend.rateLimit.store');
    if (store?.getString('type') !== 'redis') {
      return { redis: undefined };
    }
    const redis = new RateLimitRedis(
      store.getString('connection'),
      rootLogger.child({ type: 'rateLimit' }),
    );
    rootLifecycle.addShutdownHook(() => redis.close());
    return { redis };
  },
  async factory(
    { auth, httpAuth, config, plugin, rootHttpRouter, lifecycle, logger },
    { redis },
  ) {
    const pluginId = plugin.getId();
    const router = Router();
    router.use(
      (redis && pluginRateLimit(pluginId, config, redis.storeFor(pluginId))) ??
        createRateLimitMiddleware({ pluginId, config }),
    );
    rootHttpRouter.use(`/api/${pluginId}`, router);
    const credentialsBarrier = createCredentialsBarrier({ httpAuth, config });
    router.use(createAuthIntegrationRouter({ auth }));
    router.use(createLifecycleMiddleware({ config, lifecycle }));
    router.use(credentialsBarrier.middleware);
    router.use(createCookieAuthRefreshMiddleware({ auth, httpAuth }));
    const pluginRoutes = Router();
    router.use(pluginRoutes);
    router.use(MiddlewareFactory.create({ config, logger }).error());
    return {
      use(handler) {
        pluginRoutes.use(handler);
      },
      addAuthPolicy(policy) {
        credentialsBarrier.addAuthPolicy(policy);
      },
    };
  },
});
