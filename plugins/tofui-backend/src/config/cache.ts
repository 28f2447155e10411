import type { Config } from '@backstage/config';

/** The response cache's settings (`tofui.cache`), in milliseconds and bytes. */
export interface CacheSettings {
  ttlMs?: number;
  timeoutMs?: number;
  retryIntervalMs?: number;
  fleetRefreshMs?: number;
  localMaxBytes?: number;
}

/** `tofui.cache`; what is not set keeps the cache's defaults. */
export function readCacheSettings(config: Config): CacheSettings {
  const cache = config.getOptionalConfig('tofui.cache');
  const ttlSeconds = cache?.getOptionalNumber('ttlSeconds');
  const localMemoryMb = cache?.getOptionalNumber('localMemoryMb');
  return {
    ttlMs: ttlSeconds !== undefined ? ttlSeconds * 1000 : undefined,
    timeoutMs: cache?.getOptionalNumber('timeoutMs'),
    retryIntervalMs: cache?.getOptionalNumber('retryIntervalMs'),
    fleetRefreshMs: cache?.getOptionalNumber('fleetRefreshMs'),
    localMaxBytes:
      localMemoryMb !== undefined ? localMemoryMb * 1024 * 1024 : undefined,
  };
}
