import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Health } from '@internal/plugin-tofui-common';
import type { ArtifactStorage } from '@internal/plugin-tofui-node';
import type { TofuiStore } from '../database/TofuiStore';
import { withTimeout } from './withTimeout';

const CHECK_TIMEOUT_MS = 3000;

type Component = 'ok' | 'down';

/**
 * Readiness of the plugin. The database and the artifact storage are needed
 * to serve: either one down makes the plugin `down` (503, so a load balancer
 * stops sending it traffic). The cache is not: without it the plugin is
 * `degraded` and still serves (200), uncached.
 */
export class HealthService {
  constructor(
    private readonly store: TofuiStore,
    private readonly storage: ArtifactStorage,
    /** The response cache; it has its own (short) timeout and logs its own outage. */
    private readonly cache: { ping(): Promise<boolean> },
    private readonly logger: LoggerService,
  ) {}

  async check(): Promise<Health> {
    const [database, storage, cache] = await Promise.all([
      this.probe('database', () => this.store.ping()),
      this.probe('storage', () => this.storage.ping()),
      this.cache.ping().then(ok => (ok ? 'ok' : 'down') as Component),
    ]);
    let status: Health['status'] = 'ok';
    if (database === 'down' || storage === 'down') {
      status = 'down';
    } else if (cache === 'down') {
      status = 'degraded';
    }
    return { status, database, storage, cache };
  }

  private async probe(
    name: string,
    ping: () => Promise<void>,
  ): Promise<Component> {
    try {
      await withTimeout(ping(), CHECK_TIMEOUT_MS, `The ${name}`);
      return 'ok';
    } catch (error) {
      this.logger.warn(`tofUI health: ${name} unreachable: ${error}`);
      return 'down';
    }
  }
}
