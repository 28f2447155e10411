import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Health } from '@internal/plugin-tofui-common';
import type { ArtifactStorage } from '@internal/plugin-tofui-node';
import type { TofuiStore } from '../database/TofuiStore';

const CHECK_TIMEOUT_MS = 3000;

type Component = 'ok' | 'down';

/**
 * Whether the plugin can serve: its database and its artifact storage answer
 * within a few seconds. Either one down makes the plugin down.
 */
export class HealthService {
  constructor(
    private readonly store: TofuiStore,
    private readonly storage: ArtifactStorage,
    private readonly logger: LoggerService,
  ) {}

  async check(): Promise<Health> {
    const [database, storage] = await Promise.all([
      this.probe('database', () => this.store.ping()),
      this.probe('storage', () => this.storage.ping()),
    ]);
    const status = database === 'ok' && storage === 'ok' ? 'ok' : 'down';
    return { status, database, storage };
  }

  private async probe(
    name: string,
    ping: () => Promise<void>,
  ): Promise<Component> {
    try {
      await withTimeout(ping(), CHECK_TIMEOUT_MS);
      return 'ok';
    } catch (error) {
      this.logger.warn(`tofUI health: ${name} unreachable: ${error}`);
      return 'down';
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${ms} ms`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}
