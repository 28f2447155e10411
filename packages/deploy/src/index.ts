/**
 * Tests of the deployment: the Kubernetes manifests under k8s/, the backend
 * image's Dockerfile and the CI workflows. Nothing here is shipped; the
 * helpers are exported for other tests.
 *
 * @packageDocumentation
 */
export * from './manifests';
