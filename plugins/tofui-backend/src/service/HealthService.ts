import type {
  LoggerService,
  RootHealthService,
} from '@backstage/backend-plugin-api';
import type { Health } from '@tofui/backstage-plugin-tofui-common';
import type { ArtifactStorage } from '@tofui/backstage-plugin-tofui-node';
import type { TofuiStore } from '../database/TofuiStore';
import { withTimeout } from '@tofui/backstage-plugin-tofui-common';

const CHECK_TIMEOUT_MS = 3000;

type Component = 'ok' | 'down';

/**
 * Readiness of the plugin. The database and the artifact storage are needed
 * to serve: either one down makes the plugin `down` (503, so a load balancer
 * stops sending it traffic). The cache is not: without it the plugin is
 * `degraded` and still serves (200), uncached.
 *
 * The plugin's routes answer as soon as the plugin has started, while other
 * plugins may still be starting — and fail, stopping the backend (a catalog
 * migration lock left by a crashed pod did, in the DR drill). Kubernetes
 * probes one URL, so this one also requires the whole backend to be up
 * (Backstage's own readiness, the root health service).
 */
export class HealthService {
  constructor(
    private readonly store: TofuiStore,
    private readonly storage: ArtifactStorage,
    /** The response cache; it has its own (short) timeout and logs its own outage. */
    private readonly cache: { ping(): Promise<boolean> },
    private readonly logger: LoggerService,
    private readonly backend?: Pick<RootHealthService, 'getReadiness'>,
  ) {}

  async check(): Promise<Health> {
    const [database, storage, cache, backend] = await Promise.all([
      this.probe('database', () => this.store.ping()),
      this.probe('storage', () => this.storage.ping()),
      this.cache.ping().then(ok => (ok ? 'ok' : 'down') as Component),
      this.backendState(),
    ]);
    let status: Health['status'] = 'ok';
    if (database === 'down' || storage === 'down' || backend !== 'ok') {
      status = 'down';
    } else if (cache === 'down') {
      status = 'degraded';
    }
    return { status, database, storage, cache, backend };
  }

  private async backendState(): Promise<NonNullable<Health['backend']>> {
    if (!this.backend) {
      return 'ok';
    }
    const { status, payload } = await this.backend.getReadiness();
    if (status === 200) {
      return 'ok';
    }
    const message =
      payload && typeof payload === 'object' && !Array.isArray(payload)
        ? payload.message
        : payload;
    return /shutting down/i.test(String(message)) ? 'stopping' : 'starting';
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
