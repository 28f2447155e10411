export { readRedactionOptions } from './options';
export type { RedactionOptions } from './options';
export { mergeRedactionReports, readRedactionReport } from './report';
export type { RedactionPath, RedactionReport } from './report';
export { isSecretName } from './redactValues';
