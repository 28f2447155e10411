/**
 * Node.js building blocks of tofUI, for the backend plugin and the backend
 * modules that extend it: artifact storage (local disk, database, S3/MinIO,
 * Azure Blob, GCS) and its extension point; the `tofui.report.read` resource,
 * its rules and the conditional decisions permission policies build from them.
 *
 * @packageDocumentation
 */
export * from './storage';
export { tofuiStorageExtensionPoint } from './extensionPoint';
export type { TofuiStorageExtensionPoint } from './extensionPoint';
export * from './permissions';
