import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { keepRedisCacheReconnecting } from './redisCacheRecovery';

/**
 * Backstage's cache service (`backend.cache`, any store), whose Redis
 * clients reconnect after an outage. Backstage's own factory leaves them
 * waiting forever once Redis restarts, for every plugin; see
 * {@link keepRedisCacheReconnecting}. Install with
 * `backend.add(reconnectingCacheServiceFactory)`.
 *
 * @public
 */
export const reconnectingCacheServiceFactory = createServiceFactory({
  service: coreServices.cache,
  deps: {
    config: coreServices.rootConfig,
    plugin: coreServices.pluginMetadata,
    logger: coreServices.rootLogger,
  },
  async createRootContext({ config, logger }) {
    const manager = CacheManager.fromConfig(config, { logger });
    keepRedisCacheReconnecting(manager, logger.child({ type: 'cacheManager' }));
    return manager;
  },
  async factory({ plugin }, manager) {
    return manager.forPlugin(plugin.getId());
  },
});
