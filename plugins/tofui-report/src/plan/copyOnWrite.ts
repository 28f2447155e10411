/**
 * `object` with `key` set to `value`, copied on the first write: `copy` is
 * the copy made by an earlier write to the same object, if any. The key is
 * defined, not assigned, so that a key named `__proto__` (JSON.parse makes
 * one an own property) stays a key rather than setting the prototype.
 */
export function writeKey<T extends Record<string, unknown>>(
  object: T,
  copy: T | undefined,
  key: string,
  value: unknown,
): T {
  const out = copy ?? { ...object };
  Object.defineProperty(out, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return out;
}
