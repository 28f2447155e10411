/**
 * Optional Backstage service factories that keep a backend working through
 * Redis outages: the cache service whose Redis clients reconnect, and the
 * plugin HTTP router whose Redis rate-limit store fails open. tofUI works
 * without them; they fix Backstage behaviour that affects every plugin.
 *
 * @packageDocumentation
 */
export { reconnectingCacheServiceFactory } from './cacheServiceFactory';
export { failOpenRateLimitHttpRouterServiceFactory } from './httpRouterServiceFactory';
export { keepRedisCacheReconnecting } from './redisCacheRecovery';
