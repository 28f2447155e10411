import {
  formatAttributePath,
  isAttributeLeaf,
  joinAttributePath as join,
  sameLeafValue,
} from './attributeLeaves';
import { REDACTED } from './redacted';

/** A value in a diff: known, or only known after apply. @public */
export type DiffValue = { known: true; value: unknown } | { known: false };

/** One attribute of a resource change, before and after. @public */
export interface AttributeDiff {
  /** `tags["Name"]`, `root_block_device[0].size`; `(value)` for a scalar. */
  path: string;
  before?: DiffValue;
  after?: DiffValue;
  kind: 'add' | 'remove' | 'change' | 'same';
  /** The attribute is (under) one of the change's `replace_paths`. */
  forcesReplacement: boolean;
  sensitive: boolean;
}

/** Leaves by path; empty objects and lists are leaves too. */
function flatten(value: unknown, prefix: string, out: Map<string, DiffValue>) {
  if (isAttributeLeaf(value)) {
    out.set(prefix, { known: true, value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      flatten(value[i], join(prefix, i), out);
    }
  } else {
    for (const key of Object.keys(value as object)) {
      flatten((value as Record<string, unknown>)[key], join(prefix, key), out);
    }
  }
  return out;
}

const under = (path: string, prefix: string) =>
  prefix === '' ||
  path === prefix ||
  path.startsWith(`${prefix}.`) ||
  path.startsWith(`${prefix}[`);

/** `after_unknown` marks replace whatever `after` says below them. */
function markUnknown(
  unknown: unknown,
  prefix: string,
  out: Map<string, DiffValue>,
) {
  if (unknown === true) {
    for (const path of [...out.keys()]) {
      if (under(path, prefix)) out.delete(path);
    }
    out.set(prefix, { known: false });
  } else if (Array.isArray(unknown)) {
    unknown.forEach((item, i) => markUnknown(item, join(prefix, i), out));
  } else if (unknown && typeof unknown === 'object') {
    for (const [key, item] of Object.entries(unknown))
      markUnknown(item, join(prefix, key), out);
  }
}

const isRedacted = (v?: DiffValue) => !!v && v.known && v.value === REDACTED;

/** Equal known values. */
const same = (a?: DiffValue, b?: DiffValue) =>
  !!a && !!b && a.known && b.known && sameLeafValue(a.value, b.value);

/** A resource change as {@link diffChange} reads it. @public */
export interface ChangeToDiff {
  /** As the report shows it (changeAction): `create` has no before, `delete` and `forget` no after. */
  action: string;
  /** The (redacted) value before the change. */
  before?: unknown;
  /** The (redacted) value after the change. */
  after?: unknown;
  /** The plan's `after_unknown`: what is only known after apply. */
  afterUnknown?: unknown;
  /** The plan's `replace_paths`: attributes forcing replacement. */
  replacePaths?: ReadonlyArray<ReadonlyArray<unknown>>;
}

/** The leaves of both sides by path, and every path: before's, then after's new ones. */
function leaves(change: ChangeToDiff) {
  const removed = change.action === 'delete' || change.action === 'forget';
  const before =
    change.action === 'create'
      ? new Map<string, DiffValue>()
      : flatten(change.before, '', new Map());
  const after = removed
    ? new Map<string, DiffValue>()
    : flatten(change.after, '', new Map());
  if (!removed) markUnknown(change.afterUnknown, '', after);
  const paths = [...before.keys()];
  for (const path of after.keys()) {
    if (!before.has(path)) paths.push(path);
  }
  return { before, after, paths };
}

/**
 * The attribute-level diff of a (redacted) resource change: every leaf of
 * before and after, marked added, removed, changed or the same, with values
 * only known after apply and attributes forcing replacement. Creates have no
 * before; deletes and forgets no after.
 *
 * @public
 */
export function diffChange(change: ChangeToDiff): AttributeDiff[] {
  const { before, after, paths } = leaves(change);
  const forcing = (change.replacePaths ?? []).map(formatAttributePath);
  return paths.map(path => {
    const b = before.get(path);
    const a = after.get(path);
    let kind: AttributeDiff['kind'] = 'change';
    if (!b) kind = 'add';
    else if (!a) kind = 'remove';
    else if (same(b, a)) kind = 'same';
    // built key by key, in this order: a spread of optional keys costs
    // more than the rest of the diff (one object per attribute)
    const diff = { path: path === '' ? '(value)' : path } as AttributeDiff;
    if (b) diff.before = b;
    if (a) diff.after = a;
    diff.kind = kind;
    diff.forcesReplacement = forcing.some(f => f !== '' && under(path, f));
    diff.sensitive = isRedacted(b) || isRedacted(a);
    return diff;
  });
}
