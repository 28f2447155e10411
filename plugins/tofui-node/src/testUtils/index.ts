/**
 * Test helpers for artifact storage adapters: the contract suite every
 * adapter must pass, and protocol servers to run it against.
 *
 * @packageDocumentation
 */
export { artifactStorageContract } from './artifactStorageContract';
export type { ArtifactStorageContractSetup } from './artifactStorageContract';
export type { ArtifactContent, ArtifactStorage } from '../storage/types';
export {
  AZURITE_ACCOUNT,
  freePort,
  startAzurite,
  startS3rver,
} from './servers';
export type { TestServer } from './servers';
