/**
 * The tofUI report engine: reads Terraform/OpenTofu plan JSON and tells what
 * it will do. Isomorphic (no DOM, no Node built-ins), shared by the CLI, the
 * backend and the frontend.
 *
 * @packageDocumentation
 */
export * from './plan';
