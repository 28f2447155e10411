import type { LoggerService } from '@backstage/backend-plugin-api';

type StoreFactory = (pluginId: string, defaultTtl?: number) => unknown;

interface RedisClientEvents {
  on(event: 'error' | 'ready', listener: (error?: unknown) => void): unknown;
}

/**
 * Makes the Redis clients of Backstage's cache manager (`CacheManager` of
 * Backstage's backend-defaults cache entry point) reconnect after Redis went away.
 *
 * Backstage 1.55's Redis store (keyv's Redis adapter 4.6 on node-redis 1.6) adds
 * no `error` listener to its Redis client. When the connection drops, the
 * client's `error` event throws (Node's rule for an `error` nobody listens
 * to), which cuts the client's reconnection short: every later command of
 * that process waits forever, even once Redis is back, and the throw
 * surfaces as an uncaught exception (backstage/backstage#31742, #31813). A
 * listener is all node-redis needs to reconnect with backoff.
 *
 * There is no public hook, so this wraps the manager's Redis store factory.
 * When the internals are not as expected it changes nothing and says so (and
 * the tests relying on it fail): an upgrade that changes them is noticed.
 *
 * @public
 */
export function keepRedisCacheReconnecting(
  manager: unknown,
  logger: LoggerService,
): boolean {
  const factories = (manager as { storeFactories?: Record<string, unknown> })
    .storeFactories;
  const original = factories?.redis;
  if (typeof original !== 'function') {
    logger.warn(
      'The cache manager has no Redis store factory to fix; its Redis clients may not reconnect after an outage',
    );
    return false;
  }
  const watched = new WeakSet<object>();
  factories!.redis = ((pluginId, defaultTtl) => {
    const keyv = (original as StoreFactory)(pluginId, defaultTtl);
    const client = (keyv as { store?: { client?: RedisClientEvents } })?.store
      ?.client;
    if (client && !watched.has(client)) {
      watched.add(client);
      let connected = true;
      client.on('error', error => {
        if (connected) {
          connected = false;
          logger.warn(
            `Redis cache connection of plugin ${pluginId} lost, reconnecting: ${error}`,
          );
        }
      });
      client.on('ready', () => {
        if (!connected) {
          connected = true;
          logger.info(`Redis cache connection of plugin ${pluginId} is back`);
        }
      });
    }
    return keyv;
  }) as StoreFactory;
  return true;
}
