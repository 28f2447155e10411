import type { Entity } from '@backstage/catalog-model';
import { minimatch } from 'minimatch';

/** Annotation naming the repository (`owner/name`) whose reports an entity shows. @public */
export const TOFUI_REPOSITORY_ANNOTATION = 'tofui.io/repository';
/** Annotation narrowing an entity to some folders: a comma list, globs allowed. @public */
export const TOFUI_FOLDERS_ANNOTATION = 'tofui.io/folders';

const GITHUB_SLUG_ANNOTATION = 'github.com/project-slug';
const GITLAB_SLUG_ANNOTATION = 'gitlab.com/project-slug';
const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

const REPOSITORY_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function fromSourceLocation(location: string | undefined): string | undefined {
  // e.g. "url:https://github.com/acme/infra/tree/main/" → "acme/infra"
  const match = location?.match(
    /^url:https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com)\/([^/]+)\/([^/#?]+)/,
  );
  if (!match) {
    return undefined;
  }
  return `${match[1]}/${match[2].replace(/\.git$/, '')}`;
}

/**
 * The repository an entity's tofUI reports come from: `tofui.io/repository`,
 * else `github.com/project-slug`, else `gitlab.com/project-slug`, else a
 * GitHub/GitLab `backstage.io/source-location`. Undefined when none applies.
 *
 * @public
 */
export function getTofuiRepository(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const candidates = [
    annotations[TOFUI_REPOSITORY_ANNOTATION],
    annotations[GITHUB_SLUG_ANNOTATION],
    annotations[GITLAB_SLUG_ANNOTATION],
    fromSourceLocation(annotations[SOURCE_LOCATION_ANNOTATION]),
  ];
  return candidates
    .map(c => c?.trim())
    .find((c): c is string => !!c && REPOSITORY_PATTERN.test(c));
}

/**
 * The folder patterns of `tofui.io/folders`; undefined means all folders.
 *
 * @public
 */
export function getTofuiFolderPatterns(entity: Entity): string[] | undefined {
  const value = entity.metadata.annotations?.[TOFUI_FOLDERS_ANNOTATION];
  const patterns = value
    ?.split(',')
    .map(p => p.trim())
    .filter(Boolean);
  return patterns && patterns.length > 0 ? patterns : undefined;
}

/**
 * Whether a folder is covered by the patterns (globs such as `aws_*`).
 * No patterns cover every folder.
 *
 * @public
 */
export function folderMatches(
  folder: string,
  patterns: ReadonlyArray<string> | undefined,
): boolean {
  if (!patterns) {
    return true;
  }
  return patterns.some(pattern => minimatch(folder, pattern, { dot: true }));
}

/**
 * Whether an entity is annotated for tofUI.
 *
 * @public
 */
export function isTofuiAvailable(entity: Entity): boolean {
  return getTofuiRepository(entity) !== undefined;
}

/**
 * The events-service topic on which the catalog module announces that an
 * entity's tofUI mapping (repository, folders, owner) changed; the backend
 * plugin re-syncs its mapping when it hears one.
 *
 * @public
 */
export const TOFUI_MAPPING_CHANGED_TOPIC = 'tofui.catalog.mapping-changed';
