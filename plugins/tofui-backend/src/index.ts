/**
 * tofUI backend plugin.
 *
 * @packageDocumentation
 */
export { tofuiPlugin as default } from './plugin';
