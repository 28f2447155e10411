import { CustomErrorBase } from '@backstage/errors';

/** An artifact is larger than the storage accepts (HTTP 413). @public */
export class ArtifactTooLargeError extends CustomErrorBase {
  name = 'ArtifactTooLargeError' as const;
  statusCode = 413;
}
