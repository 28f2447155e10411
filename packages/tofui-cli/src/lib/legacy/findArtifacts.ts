import fs from 'node:fs';
import path from 'node:path';
import { type LegacySlot, sanitizeBuildName } from './dashboardFormat';

/** The files the original tofUI wrote for one report, where they are. */
export interface LegacyArtifacts {
  html?: string;
  plan?: string;
  log?: string;
  /**
   * The report's html_url leads to `html` in a tree: tofUI then serves the
   * HTML itself and the old URL is not kept.
   */
  htmlUrlInTree: boolean;
}

/**
 * Finds a report's HTML report, plan JSON and log in the checked-out trees
 * (the dashboard's, and others where the old tofUI wrote reports). It wrote
 * them side by side — `{folder}/html_report/{name}.html`,
 * `{folder}/json_plan/{name}.json`, `{folder}/logs/{name}.log`, without the
 * folder for the repository root — with `name` the sanitized build name
 * (plus `-v2`… when a name was taken).
 *
 * The html_url is followed first: its path ends with the file's path in the
 * tree, after whatever the Pages site's URL was (`https://owner.github.io/repo/`,
 * `https://pages.example.com/owner/repo/`, a custom domain), so the longest
 * ending of it that names a file in a tree wins. The plan and log are then
 * looked for next to that HTML, else where the build name says.
 */
export function findArtifacts(
  roots: string[],
  slot: LegacySlot,
): LegacyArtifacts {
  const html = slot.html_url ? findUrlInTrees(roots, slot.html_url) : undefined;
  const found: LegacyArtifacts = { htmlUrlInTree: Boolean(html) };
  const places: Array<{ base: string; name: string }> = [];
  if (html && path.basename(path.dirname(html)) === 'html_report') {
    places.push({
      base: path.dirname(path.dirname(html)),
      name: path.basename(html, '.html'),
    });
  }
  const names = new Set(
    [slot.sanitized_name, sanitizeBuildName(slot.build_name)].filter(
      (n): n is string => Boolean(n) && isPlainName(n!),
    ),
  );
  // the root's files are at the top of the tree, or under _root when the
  // publisher was given --folder _root
  const folders =
    slot.folder === '_root' ? ['_root', ''] : [slot.folder].filter(isPlainName);
  for (const root of roots) {
    for (const folder of folders) {
      for (const name of names) {
        places.push({ base: path.join(root, folder), name });
      }
    }
  }
  if (html) {
    found.html = html;
  } else if (!slot.html_url) {
    // an html_url leading elsewhere is kept as it is: that HTML is the one
    found.html = firstFile(places.map(p => htmlPath(p.base, p.name)));
  }
  found.plan = firstFile(
    places.map(p => path.join(p.base, 'json_plan', `${p.name}.json`)),
  );
  found.log = firstFile(
    places.map(p => path.join(p.base, 'logs', `${p.name}.log`)),
  );
  return found;
}

function htmlPath(base: string, name: string) {
  return path.join(base, 'html_report', `${name}.html`);
}

/** The file in one of the trees an html_url (absolute or relative) leads to. */
export function findUrlInTrees(
  roots: string[],
  url: string,
): string | undefined {
  let pathname: string;
  try {
    pathname = /^https?:\/\//i.test(url) ? new URL(url).pathname : url;
  } catch {
    return undefined;
  }
  let segments: string[];
  try {
    segments = pathname.split(/[?#]/)[0].split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  segments = segments.filter(s => s !== '');
  if (!segments.every(isPlainName)) {
    return undefined;
  }
  // at least a directory and a file: a bare "report.html" matches too much
  for (let start = 0; start <= segments.length - 2; start++) {
    const relative = path.join(...segments.slice(start));
    const file = firstFile(roots.map(root => path.join(root, relative)));
    if (file) {
      return file;
    }
  }
  return undefined;
}

/** A single path segment: no separators, no `.` or `..`. */
function isPlainName(segment: string): boolean {
  return (
    segment !== '' &&
    segment !== '.' &&
    segment !== '..' &&
    !/[/\\\0]/.test(segment)
  );
}

function firstFile(candidates: string[]): string | undefined {
  return candidates.find(file => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}
