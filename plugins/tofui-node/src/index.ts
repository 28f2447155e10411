/**
 * Artifact storage for tofUI, shared by the backend plugin and the CLI.
 *
 * @packageDocumentation
 */
export * from './storage';
