import {
  isAttributeLeaf,
  joinAttributePath,
  sameLeafValue,
} from './attributeLeaves';
import type { ChangeToDiff } from './diffChange';

/*
 * The same answer as filtering diffChange, found by walking before, after
 * and after_unknown side by side: a path is written only for a leaf that
 * changed, where the diff writes one for every leaf, and no leaf is kept.
 * The change index computes this for every resource of every plan.
 */

/** No value at this path (JSON has no undefined inside a value). */
const MISSING = Symbol('missing');
type Step = string | number;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isLeafAt = (node: unknown) => node !== MISSING && isAttributeLeaf(node);

/**
 * The node a step down, where the path it writes exists: an index only into
 * a list, a key only into an object (`[0]` and `["0"]` are different paths).
 */
const at = (list: unknown, i: number) =>
  Array.isArray(list) && i < list.length ? list[i] : MISSING;
const under = (object: unknown, key: string) =>
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
  before(b: unknown, a: unknown, unknown: unknown, covered: boolean) {
    const hidden = covered || unknown === true;
    if (isAttributeLeaf(b)) {
      if (hidden || !isLeafAt(a) || !sameLeafValue(b, a)) this.emit();
    } else if (Array.isArray(b)) {
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
    } else {
      for (const key of Object.keys(b as object)) {
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
  }

  /** After's known leaves where before has none, in after's order. */
  afterOnly(a: unknown, b: unknown, unknown: unknown) {
    if (unknown === true) return; // replaced by the mark (unknownOnly)
    if (isAttributeLeaf(a)) {
      if (!isLeafAt(b)) this.emit();
    } else if (Array.isArray(a)) {
      for (let i = 0; i < a.length; i += 1) {
        this.path.push(i);
        this.afterOnly(a[i], at(b, i), at(unknown, i));
        this.path.pop();
      }
    } else {
      for (const key of Object.keys(a as object)) {
        this.path.push(key);
        this.afterOnly(
          (a as Record<string, unknown>)[key],
          under(b, key),
          under(unknown, key),
        );
        this.path.pop();
      }
    }
  }

  /** The after_unknown marks where before has no leaf, in the marks' order. */
  unknownOnly(unknown: unknown, b: unknown) {
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
