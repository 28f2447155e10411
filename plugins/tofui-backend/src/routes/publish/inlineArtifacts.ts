import { InputError } from '@backstage/errors';
import {
  isReportArtifactKind,
  type PublishReportRequest,
  type ReportArtifactKind,
} from '@tofui/backstage-plugin-tofui-common';
import { gunzipSync } from 'node:zlib';

type InlineArtifact = NonNullable<
  NonNullable<PublishReportRequest['artifacts']>['html']
>;

/** One inline artifact of the JSON body, decoded (utf8, base64 or gzip+base64). */
function decode(kind: ReportArtifactKind, artifact: InlineArtifact): Buffer {
  try {
    switch (artifact.encoding ?? 'utf8') {
      case 'utf8':
        return Buffer.from(artifact.content, 'utf8');
      case 'base64':
        return Buffer.from(artifact.content, 'base64');
      default:
        return gunzipSync(Buffer.from(artifact.content, 'base64'));
    }
  } catch (error) {
    throw new InputError(
      `artifacts.${kind}.content is not valid ${artifact.encoding}: ${
        (error as Error).message
      }`,
    );
  }
}

/** The artifacts sent inline in a JSON publish body, decoded, in the order sent. */
export function decodeInlineArtifacts(
  body: PublishReportRequest,
): Array<[ReportArtifactKind, Buffer]> {
  return Object.entries(body.artifacts ?? {}).flatMap(([kind, artifact]) =>
    artifact && isReportArtifactKind(kind)
      ? [[kind, decode(kind, artifact)] as [ReportArtifactKind, Buffer]]
      : [],
  );
}
