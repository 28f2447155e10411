import { InputError } from '@backstage/errors';

/** Kinds of artifact a report can carry, by file extension. @public */
export type ArtifactExtension = 'html' | 'json' | 'log';

const MAX_SEGMENT_BYTES = 255;

/**
 * Checks one path segment. Segments come from user input (repository owner
 * and name, folder), so anything that could change the meaning of a path is
 * refused rather than rewritten: separators, dot segments (also percent-
 * encoded ones, which a web server or object store might decode), NUL and
 * other control characters.
 */
export function assertSafeKeySegment(segment: string, what = 'key segment') {
  if (segment.length === 0) {
    throw new InputError(`${what} must not be empty`);
  }
  if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) {
    throw new InputError(`${what} is longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
  if (/[/\\]/.test(segment)) {
    throw new InputError(`${what} must not contain / or \\`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(segment)) {
    throw new InputError(`${what} must not contain control characters`);
  }
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // not percent-encoded; checked as is
  }
  if (
    [segment, decoded].some(s => s === '.' || s === '..' || /[/\\]/.test(s))
  ) {
    throw new InputError(`${what} must not be a relative path segment`);
  }
}

/**
 * Checks a whole key (or a list prefix): relative, `/`-separated, every
 * segment safe. A trailing `/` is allowed so prefixes can name folders.
 */
export function assertSafeKey(
  key: string,
  { allowTrailingSlash = false } = {},
) {
  if (key.startsWith('/')) {
    throw new InputError('Storage keys must be relative');
  }
  const segments = key.split('/');
  if (allowTrailingSlash && segments.length > 1 && segments.at(-1) === '') {
    segments.pop();
  }
  segments.forEach(s => assertSafeKeySegment(s));
}

/**
 * The key of a report artifact:
 * `reports/{owner}/{repo}/{folder}/{report-id}.{html|json|log}`.
 *
 * @public
 */
export function reportArtifactKey(options: {
  repository: string;
  folder: string;
  reportId: string;
  extension: ArtifactExtension;
}): string {
  const [owner, repo, ...rest] = options.repository.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new InputError('repository must be owner/name');
  }
  const segments = [
    'reports',
    owner,
    repo,
    options.folder,
    `${options.reportId}.${options.extension}`,
  ];
  segments.forEach(s => assertSafeKeySegment(s));
  return segments.join('/');
}

/**
 * The key an archived object moves to: `archives/{yyyy}/{mm}/{key}` (by the
 * month the report was archived).
 *
 * @public
 */
export function archiveKey(key: string, archivedAt: Date): string {
  assertSafeKey(key);
  const yyyy = String(archivedAt.getUTCFullYear());
  const mm = String(archivedAt.getUTCMonth() + 1).padStart(2, '0');
  return `archives/${yyyy}/${mm}/${key}`;
}
