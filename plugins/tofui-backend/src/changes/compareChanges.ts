import type { ChangeItem } from '../database/ChangeIndexStore';
import type { ChangeAction } from './planChanges';

/** What a compare reads of a change. */
export interface ComparedChange {
  address: string;
  action: ChangeAction;
  attributes: string[];
}

export interface ChangeComparison<T extends ComparedChange = ChangeItem> {
  added: T[];
  removed: T[];
  actionChanged: Array<{
    address: string;
    base: ChangeAction;
    head: ChangeAction;
  }>;
  attributesChanged: Array<{
    address: string;
    action: ChangeAction;
    added: string[];
    removed: string[];
  }>;
  unchangedCount: number;
}

/**
 * Two plans' changes compared by address: in one plan only, with another
 * action, with the same action on other attributes, or the same.
 */
export function compareChanges<T extends ComparedChange>(
  base: T[],
  head: T[],
): ChangeComparison<T> {
  const before = new Map(base.map(c => [c.address, c]));
  const result: ChangeComparison<T> = {
    added: [],
    removed: [],
    actionChanged: [],
    attributesChanged: [],
    unchangedCount: 0,
  };
  for (const change of head) {
    const old = before.get(change.address);
    before.delete(change.address);
    if (!old) {
      result.added.push(change);
    } else if (old.action !== change.action) {
      result.actionChanged.push({
        address: change.address,
        base: old.action,
        head: change.action,
      });
    } else if (sameList(old.attributes, change.attributes)) {
      result.unchangedCount += 1; // most are: no sets built for them
    } else {
      const was = new Set(old.attributes);
      const is = new Set(change.attributes);
      const added = change.attributes.filter(a => !was.has(a));
      const removed = old.attributes.filter(a => !is.has(a));
      if (added.length || removed.length) {
        result.attributesChanged.push({
          address: change.address,
          action: change.action,
          added,
          removed,
        });
      } else {
        result.unchangedCount += 1;
      }
    }
  }
  result.removed = [...before.values()];
  return result;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
