export type { ArtifactContent, ArtifactStorage } from './types';
export { reportArtifactKey } from './keys';
export type { ArtifactExtension } from './keys';
export { LocalArtifactStorage } from './LocalArtifactStorage';
export { createArtifactStorage } from './createArtifactStorage';
