/**
 * Types, status-type defaults, catalog annotations and the typed API client
 * shared by the tofUI plugins and the CLI.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './statusTypes';
export * from './catalog';
export * from './client';
export type { paths, components, operations } from './schema/openapi.generated';
export * from './permissions';
export * from './vocabulary';
export * from './summary';
export { withTimeout } from './withTimeout';
