import { joinAttributePath, sameLeafValue } from './attributeLeaves';
import type { ChangeToDiff } from './diffChange';

/*
 * The same answer as filtering diffChange, found by walking before, after
 * and after_unknown side by side: a path is written only for a leaf that
 * changed, where the diff writes one for every leaf, and no leaf is kept.
 * The change index computes this for every resource of every plan.
 */

/** No value at this path (JSON has no undefined inside a value). */
const MISSING = Symbol('missing');
type Node = unknown;
type Step = string | number;

const isObject = (value: Node): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A leaf as diffChange's flatten sees it: a scalar, an empty list or object. */
function isLeaf(value: Node): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

const isLeafAt = (node: Node) => node !== MISSING && isLeaf(node);

/**
 * The node a step down, where the path it writes exists: an index only into
 * a list, a key only into an object (`[0]` and `["0"]` are different paths).
 */
const at = (list: Node, i: number) =>
  Array.isArray(list) && i < list.length ? list[i] : MISSING;
const under = (object: Node, key: string) =>
  isObject(object) && Object.hasOwn(object, key) ? object[key] : MISSING;

/** Walks of one change, writing the changed paths of each in diffChange's order. */
class ChangedPaths {
  readonly paths: string[] = [];
  private readonly path: Step[] = [];

  private emit() {
    if (this.path.length > 0) {
      // the change's own `(value)` (a scalar resource) is not an attribute
      this.paths.push(this.path.reduce<string>(joinAttributePath, ''));
    }
  }

  /**
   * Before's leaves, in its order: changed unless after holds the same
   * known leaf at the path (`covered`: under an after_unknown mark).
   */
  before(b: Node, a: Node, unknown: Node, covered: boolean) {
    const hidden = covered || unknown === true;
    if (Array.isArray(b) && b.length > 0) {
      for (let i = 0; i < b.length; i += 1) {
        this.path.push(i);
        this.before(
          b[i],
          hidden ? MISSING : at(a, i),
          hidden ? MISSING : at(unknown, i),
          hidden,
        );
        this.path.pop();
      }
      return;
    }
    const keys = isObject(b) ? Object.keys(b) : [];
    if (keys.length === 0) {
      if (hidden || !isLeafAt(a) || !sameLeafValue(b, a)) this.emit();
      return;
    }
    for (const key of keys) {
      this.path.push(key);
      this.before(
        (b as Record<string, unknown>)[key],
        hidden ? MISSING : under(a, key),
        hidden ? MISSING : under(unknown, key),
        hidden,
      );
      this.path.pop();
    }
  }

  /** After's known leaves where before has none, in after's order. */
  afterOnly(a: Node, b: Node, unknown: Node) {
    if (unknown === true) return; // replaced by the mark (unknownOnly)
    if (Array.isArray(a) && a.length > 0) {
      for (let i = 0; i < a.length; i += 1) {
        this.path.push(i);
        this.afterOnly(a[i], at(b, i), at(unknown, i));
        this.path.pop();
      }
      return;
    }
    const keys = isObject(a) ? Object.keys(a) : [];
    if (keys.length === 0) {
      if (!isLeafAt(b)) this.emit();
      return;
    }
    for (const key of keys) {
      this.path.push(key);
      this.afterOnly(
        (a as Record<string, unknown>)[key],
        under(b, key),
        under(unknown, key),
      );
      this.path.pop();
    }
  }

  /** The after_unknown marks where before has no leaf, in the marks' order. */
  unknownOnly(unknown: Node, b: Node) {
    if (unknown === true) {
      if (!isLeafAt(b)) this.emit();
    } else if (Array.isArray(unknown)) {
      for (let i = 0; i < unknown.length; i += 1) {
        this.path.push(i);
        this.unknownOnly(unknown[i], at(b, i));
        this.path.pop();
      }
    } else if (isObject(unknown)) {
      for (const key of Object.keys(unknown)) {
        this.path.push(key);
        this.unknownOnly(unknown[key], under(b, key));
        this.path.pop();
      }
    }
  }
}

/**
 * The attribute paths {@link diffChange} finds added, removed or changed,
 * in its order, without building the diff (the change index keeps only
 * these): a scalar change's own `(value)` is left out.
 *
 * @public
 */
export function changedAttributePaths(change: ChangeToDiff): string[] {
  const removed = change.action === 'delete' || change.action === 'forget';
  const before = change.action === 'create' ? MISSING : change.before;
  const after = removed ? MISSING : change.after;
  const unknown = removed ? undefined : change.afterUnknown;
  const walk = new ChangedPaths();
  if (before !== MISSING) walk.before(before, after, unknown, false);
  if (after !== MISSING) {
    walk.afterOnly(after, before, unknown);
    walk.unknownOnly(unknown, before);
  }
  return walk.paths;
}
