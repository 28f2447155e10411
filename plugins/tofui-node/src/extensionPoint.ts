import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ArtifactStorageFactory } from './storage/types';

/**
 * Lets a backend module add an artifact storage adapter, selected like the
 * built-in ones with `tofui.storage.backend: <name>` and configured under
 * `tofui.storage.<name>`.
 *
 * @public
 */
export interface TofuiStorageExtensionPoint {
  addStorageBackend(name: string, factory: ArtifactStorageFactory): void;
}

/** @public */
export const tofuiStorageExtensionPoint =
  createExtensionPoint<TofuiStorageExtensionPoint>({
    id: 'tofui.storage',
  });
