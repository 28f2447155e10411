/**
 * Artifact storage for tofUI (local disk, database, S3/MinIO, Azure Blob,
 * GCS) and its extension point, shared by the backend plugin and the CLI.
 *
 * @packageDocumentation
 */
export * from './storage';
export { tofuiStorageExtensionPoint } from './extensionPoint';
export type { TofuiStorageExtensionPoint } from './extensionPoint';
