import type { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';

const DEFAULT_IP_ALLOW_LIST = ['127.0.0.1', '0:0:0:0:0:0:0:1', '::1'];

/**
 * The rate limit of one plugin, read from `backend.rateLimit.plugin.<id>`
 * exactly as Backstage's own middleware reads it (window,
 * incomingRequestLimit, ipAllowList, skipSuccessfulRequests,
 * skipFailedRequests, passOnStoreError), counting in `store`.
 *
 * `store` decides what an unreachable counter means (RateLimitRedis: let
 * the request through); `passOnStoreError` applies to other errors.
 */
export function pluginRateLimit(
  pluginId: string,
  config: RootConfigService,
  store: Store,
): RequestHandler | undefined {
  const limits = config.getOptionalConfig(
    `backend.rateLimit.plugin.${pluginId}`,
  );
  if (!limits) {
    return undefined;
  }
  const windowMs = limits.has('window')
    ? durationToMilliseconds(readDurationFromConfig(limits, { key: 'window' }))
    : 60_000;
  const ipAllowList =
    limits.getOptionalStringArray('ipAllowList') ?? DEFAULT_IP_ALLOW_LIST;
  const allowed = (address: string | undefined) =>
    Boolean(address && ipAllowList.includes(address));
  return rateLimit({
    windowMs,
    limit: limits.getOptionalNumber('incomingRequestLimit'),
    skipSuccessfulRequests: limits.getOptionalBoolean('skipSuccessfulRequests'),
    skipFailedRequests: limits.getOptionalBoolean('skipFailedRequests'),
    passOnStoreError: limits.getOptionalBoolean('passOnStoreError'),
    statusCode: 429,
    // Backstage's error body, as its own rate limiter sends
    message: {
      error: {
        name: 'Error',
        message: 'Too many requests, please try again later',
      },
      response: { statusCode: 429 },
    },
    keyGenerator: req => {
      const ip = req.ip ?? req.socket.remoteAddress;
      return ip ? ipKeyGenerator(ip) : '';
    },
    skip: req => allowed(req.ip) || allowed(req.socket.remoteAddress),
    validate: { trustProxy: false },
    store,
  });
}
