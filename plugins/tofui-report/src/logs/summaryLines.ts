import { ADDRESS_SOURCE } from './address';
import type {
  LogChangeCounts,
  LogOutputChange,
  LogPlannedChange,
  LogResourceAction,
} from './types';

function emptyCounts(): LogChangeCounts {
  return { import: 0, add: 0, change: 0, destroy: 0, forget: 0 };
}

const PLAN_WORDS: Record<string, keyof LogChangeCounts> = {
  import: 'import',
  add: 'add',
  change: 'change',
  destroy: 'destroy',
  forget: 'forget',
};
const APPLY_WORDS: Record<string, keyof LogChangeCounts> = {
  imported: 'import',
  added: 'add',
  changed: 'change',
  destroyed: 'destroy',
  forgotten: 'forget',
};

/**
 * Reads every `<n> <word>` pair the line has, in any order, so that
 * versions that add a kind (`imported`, `forgotten`) or drop one still
 * read. Undefined when no pair is there.
 */
function readCounts(
  text: string,
  pattern: RegExp,
  words: Record<string, keyof LogChangeCounts>,
): LogChangeCounts | undefined {
  const counts = emptyCounts();
  let found = false;
  for (const m of text.matchAll(pattern)) {
    const key = words[m[2]];
    if (key) {
      counts[key] = Number(m[1]);
      found = true;
    }
  }
  return found ? counts : undefined;
}

/** `Plan: 1 to import, 2 to add, 0 to change, 1 to destroy[, 1 to forget].` */
export function parsePlanLine(line: string): LogChangeCounts | undefined {
  if (!line.startsWith('Plan: ')) {
    return undefined;
  }
  return readCounts(
    line,
    /([0-9]+) to (import|add|change|destroy|forget)\b/g,
    PLAN_WORDS,
  );
}

/**
 * `Apply complete! Resources: 1 imported, 2 added, 0 changed, 1 destroyed.`
 * and `Destroy complete! Resources: 3 destroyed.`
 */
export function parseApplyLine(line: string): LogChangeCounts | undefined {
  const m = /^(?:Apply|Destroy) complete! Resources: (.*)$/.exec(line);
  if (!m) {
    return undefined;
  }
  return readCounts(
    m[1],
    /([0-9]+) (imported|added|changed|destroyed|forgotten)\b/g,
    APPLY_WORDS,
  );
}

const PLANNED = new RegExp(
  `^\\s*# (${ADDRESS_SOURCE})(?: \\(deposed object ([^()\\s]+)\\))? (.+)$`,
  'u',
);

/**
 * The wording after the address in a plan's `# <address> …` comment, in
 * both Terraform's and OpenTofu's words. Drift (`has changed`, `has been
 * deleted`), moves and deferrals are not planned actions and do not match.
 */
const PLANNED_PHRASES: Array<[RegExp, LogResourceAction]> = [
  [/^will be created$/, 'create'],
  [/^will be read during apply$/, 'read'],
  [/^will be updated in-place$/, 'update'],
  [/^(?:.* )?(?:must|will) be replaced\b/, 'replace'],
  [/^will be destroyed$/, 'delete'],
  [/^will be imported$/, 'import'],
  [/^will no longer be managed by /, 'forget'],
  [/^will be removed from (?:the )?\S+ state\b/, 'forget'],
];

/** `  # aws_instance.web will be created` and its siblings. */
export function parsePlannedHeader(line: string): LogPlannedChange | undefined {
  if (!line.includes('# ')) {
    return undefined;
  }
  const m = PLANNED.exec(line);
  if (!m) {
    return undefined;
  }
  for (const [phrase, action] of PLANNED_PHRASES) {
    if (phrase.test(m[3])) {
      const change: LogPlannedChange = { address: m[1], action };
      if (m[2] !== undefined) {
        change.deposed = m[2];
      }
      return change;
    }
  }
  return undefined;
}

/** `  # (imported from "i-123")`, right below a planned header. */
export function parseImportedFrom(line: string): string | undefined {
  const m = /^\s*# \(imported from "(.*)"\)$/.exec(line);
  return m ? m[1] : undefined;
}

const OUTPUT_SYMBOLS: Record<string, LogOutputChange['action']> = {
  '+': 'create',
  '~': 'update',
  '-': 'delete',
};

/** `  + name = …` below `Changes to Outputs:`; names may be quoted. */
export function parseOutputChange(line: string): LogOutputChange | undefined {
  const m = /^ {2}([+~-]) ("(?:[^"\\]|\\.)*"|[^\s=]+)\s*=/.exec(line);
  if (!m) {
    return undefined;
  }
  const name = m[2].startsWith('"')
    ? m[2].slice(1, -1).replace(/\\(.)/g, '$1')
    : m[2];
  return { name, action: OUTPUT_SYMBOLS[m[1]] };
}
