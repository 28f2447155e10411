/**
 * Test utilities of the tofUI backend plugin.
 *
 * @packageDocumentation
 */
export { startTofuiTestBackend } from './startTofuiTestBackend';
export type { TofuiTestBackendOptions } from './startTofuiTestBackend';
export { createTofuiTestDatabases } from './testDatabases';
