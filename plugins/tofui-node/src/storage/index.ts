export type {
  ArtifactContent,
  ArtifactStorage,
  ArtifactStorageFactory,
} from './types';
export { archiveKey, reportArtifactKey } from './keys';
export type { ArtifactExtension } from './keys';
export { ArtifactTooLargeError } from './errors';
export { LocalArtifactStorage } from './LocalArtifactStorage';
export { DatabaseArtifactStorage } from './DatabaseArtifactStorage';
export { S3ArtifactStorage } from './S3ArtifactStorage';
export type { S3ArtifactStorageOptions } from './S3ArtifactStorage';
export { AzureArtifactStorage } from './AzureArtifactStorage';
export type { AzureArtifactStorageOptions } from './AzureArtifactStorage';
export { GcsArtifactStorage } from './GcsArtifactStorage';
export type { GcsArtifactStorageOptions } from './GcsArtifactStorage';
export {
  createArtifactStorage,
  DEFAULT_STORAGE_BACKEND,
} from './createArtifactStorage';
