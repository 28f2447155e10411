import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tofuiPlugin } from '../plugin';

/** Options of {@link startTofuiTestBackend}. @public */
export interface TofuiTestBackendOptions {
  /**
   * Root config. `tofui.storage` defaults to local storage in a temporary
   * directory, removed by `stop()`.
   */
  config?: JsonObject;
  /**
   * More features: real service factories (auth, permissions), the
   * permission backend and a policy module, a catalog mock, a module adding
   * a storage backend…
   */
  features?: Parameters<typeof startTestBackend>[0]['features'];
  /** The database; by default the test backend's own (SQLite in memory). */
  knex?: Knex;
  /**
   * Backstage's mock HTTP auth, where a request without a token is
   * anonymous, as in a real backend (mockCredentials.user.header() and
   * .service.header() authenticate). Default true; false when `features`
   * bring their own HTTP auth.
   */
  mockHttpAuth?: boolean;
}

/**
 * The tofUI backend plugin in a Backstage test backend, listening on a free
 * port: for tests of the plugin, of the CLI against it, and of a host's
 * permission policy.
 *
 * @public
 */
export async function startTofuiTestBackend(
  options: TofuiTestBackendOptions = {},
) {
  const artifactsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-test-'));
  const config = options.config ?? {};
  const tofui = (config.tofui ?? {}) as JsonObject;
  const backend = await startTestBackend({
    features: [
      tofuiPlugin,
      ...(options.features ?? []),
      ...(options.knex ? [mockServices.database.factory({ knex: options.knex })] : []),
      ...(options.mockHttpAuth === false
        ? []
        : [
            mockServices.httpAuth.factory({
              defaultCredentials: mockCredentials.none(),
            }),
          ]),
      mockServices.rootConfig.factory({
        data: {
          ...config,
          tofui: {
            storage: { backend: 'local', local: { basePath: artifactsDir } },
            ...tofui,
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    backend,
    /** The HTTP server (for supertest). */
    server: backend.server,
    /** `http://localhost:<port>`; the API is under `/api/tofui`. */
    url: `http://localhost:${port}`,
    artifactsDir,
    async stop() {
      await backend.stop();
      fs.rmSync(artifactsDir, { recursive: true, force: true });
    },
  };
}
