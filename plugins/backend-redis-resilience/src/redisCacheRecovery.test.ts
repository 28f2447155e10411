import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { keepRedisCacheReconnecting } from './redisCacheRecovery';

// The reconnection itself is proven against a real Redis that is killed and
// restarted: ResponseCache.outage.test.ts, redisOutage.test.ts.
describe('keepRedisCacheReconnecting', () => {
  it("finds the Redis store factory of this Backstage release's cache manager", () => {
    const manager = CacheManager.fromConfig(mockServices.rootConfig());
    expect(
      keepRedisCacheReconnecting(manager, mockServices.logger.mock()),
    ).toBe(true);
  });

  it('changes nothing, and says so, when the internals are not as expected', () => {
    const logger = mockServices.logger.mock();
    expect(keepRedisCacheReconnecting({}, logger)).toBe(false);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
