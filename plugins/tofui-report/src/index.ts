/**
 * The tofUI report engine: reads Terraform/OpenTofu plan JSON and tells what
 * it will do, and reads plan/apply console logs and tells what happened.
 * Isomorphic (no DOM, no Node built-ins), shared by the CLI, the backend and
 * the frontend.
 *
 * @packageDocumentation
 */
export * from './plan';
export * from './logs';
export * from './html';
export { jsonChunks } from './jsonChunks';
export * from './redaction';
