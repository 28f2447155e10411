/*
 * What a resource's attributes are made of for a diff: leaves (scalars,
 * empty lists and objects) at paths written like Terraform writes them.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** An attribute path one step down: `tags.Name`, `disks[0]`, `tags["a.b"]`. */
export function joinAttributePath(
  prefix: string,
  key: string | number,
): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  if (IDENTIFIER.test(key)) return prefix === '' ? key : `${prefix}.${key}`;
  return `${prefix}[${JSON.stringify(key)}]`;
}

/** A `replace_paths` entry (`["tags", "Name"]`) written as a path. @public */
export function formatAttributePath(parts: ReadonlyArray<unknown>): string {
  return parts.reduce<string>(
    (path, part) =>
      joinAttributePath(path, typeof part === 'number' ? part : String(part)),
    '',
  );
}

const isPrimitive = (value: unknown) =>
  value === null || typeof value !== 'object';

/** A leaf: a scalar, an empty list or an empty object. */
export function isAttributeLeaf(value: unknown): boolean {
  if (isPrimitive(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value as object) {
    if (Object.hasOwn(value as object, key)) return false;
  }
  return true;
}

/** Two leaves equal as JSON; two primitives (most leaves) need no serialising for that. */
export const sameLeafValue = (a: unknown, b: unknown) =>
  isPrimitive(a) && isPrimitive(b)
    ? a === b
    : JSON.stringify(a) === JSON.stringify(b);
