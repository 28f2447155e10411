import type { Config } from '@backstage/config';
import path from 'node:path';
import { LocalArtifactStorage } from './LocalArtifactStorage';
import type { ArtifactStorage } from './types';

const BACKENDS = ['local'] as const;

/**
 * Creates the storage chosen by `tofui.storage.backend` (default `local`).
 * A misconfiguration fails with a message naming the config key.
 *
 * @public
 */
export function createArtifactStorage(
  config: Config,
  options: { defaultLocalBasePath: string },
): ArtifactStorage {
  const storage = config.getOptionalConfig('tofui.storage');
  const backend = storage?.getOptionalString('backend') ?? 'local';
  switch (backend) {
    case 'local': {
      const basePath =
        storage?.getOptionalString('local.basePath') ??
        options.defaultLocalBasePath;
      return new LocalArtifactStorage({ basePath: path.resolve(basePath) });
    }
    default:
      throw new Error(
        `Invalid config at tofui.storage.backend: '${backend}' is not supported; use one of ${BACKENDS.join(', ')}`,
      );
  }
}
