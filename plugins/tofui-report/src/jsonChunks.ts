/** What JSON.stringify leaves out of objects and writes as null in arrays. */
function isOmitted(value: unknown): boolean {
  return (
    value === undefined ||
    typeof value === 'function' ||
    typeof value === 'symbol'
  );
}

/** Whether `value` is serialised at once at `depth`: not walked into. */
function isWhole(value: unknown, depth: number): boolean {
  return (
    depth <= 0 ||
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

/**
 * The text in tokens, a separator and a value serialised at once in one
 * token (a generator per row of a large report costs more than its JSON).
 */
function* tokens(value: unknown, depth: number): Generator<string> {
  if (isWhole(value, depth)) {
    yield JSON.stringify(value);
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const separator = i ? ',' : '';
      if (isOmitted(item)) yield `${separator}null`;
      else if (isWhole(item, depth - 1)) {
        yield separator + JSON.stringify(item);
      } else {
        if (separator) yield separator;
        yield* tokens(item, depth - 1);
      }
    }
    yield ']';
    return;
  }
  let first = true;
  yield '{';
  for (const key of Object.keys(value as object)) {
    const item = (value as Record<string, unknown>)[key];
    if (isOmitted(item)) continue;
    const member = `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (isWhole(item, depth - 1)) {
      yield member + JSON.stringify(item);
    } else {
      yield member;
      yield* tokens(item, depth - 1);
    }
  }
  yield '}';
}

/**
 * `JSON.stringify(value)` in pieces of about `size` characters, the same
 * text once joined, never held whole: objects and arrays are walked down
 * `depth` levels (a plan's resources, a report's rows) and only what lies
 * below is serialised at once. For plain data (what JSON.parse returns).
 *
 * @public
 */
export function* jsonChunks(
  value: object,
  { depth, size = 1 << 16 }: { depth: number; size?: number },
): Generator<string> {
  let pending = '';
  for (const token of tokens(value, depth)) {
    pending += token;
    if (pending.length >= size) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}
