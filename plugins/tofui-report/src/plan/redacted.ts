/** What a sensitive value becomes; Terraform's own CLI shows the same words. @public */
export const REDACTED = '(sensitive value)';
