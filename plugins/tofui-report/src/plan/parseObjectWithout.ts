/*
 * JSON.parse of an object's text without parsing some of its top-level
 * members: a report reads half of a plan (its planned values and prior state
 * are a third to a half of the file and are never shown), and parsing is
 * the largest part of rendering one.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isOpener = (c: number) => c === 0x7b || c === 0x5b; // { [
const isCloser = (c: number) => c === 0x7d || c === 0x5d; // } ]
const isWhitespace = (c: number) =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Whether the quote at `at` is escaped (an odd run of backslashes before it). */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/** Where the string opening at `at` ends (after its closing quote), or -1. */
function endOfString(text: string, at: number): number {
  for (let from = at + 1; ; ) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    if (!isEscaped(text, quote)) return quote + 1;
    from = quote + 1;
  }
}

/** Where the string closing at `at` opens, or -1. */
function startOfString(text: string, at: number): number {
  for (let from = at - 1; from >= 0; ) {
    const quote = text.lastIndexOf('"', from);
    if (quote < 0) return -1;
    if (!isEscaped(text, quote)) return quote;
    from = quote - 1;
  }
  return -1;
}

/** Where the object or list opening at `at` ends, or -1. */
function endOfContainer(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (isOpener(c)) {
      depth++;
    } else if (isCloser(c) && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/**
 * How deep in objects and lists position `at` (outside strings) lies: the
 * brackets opened before it, or those closed after it, whichever part of
 * the text is shorter; NaN where `at` is not outside strings.
 */
function depthAt(text: string, at: number): number {
  let depth = 0;
  if (at <= text.length - at) {
    for (let i = 0; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const end = endOfString(text, i);
        if (end < 0 || end > at) return NaN;
        i = end - 1;
      } else if (isOpener(c)) depth++;
      else if (isCloser(c)) depth--;
    }
    return depth;
  }
  for (let i = text.length - 1; i >= at; i--) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = startOfString(text, i);
      if (start < at) return NaN;
      i = start;
    } else if (isCloser(c)) depth++;
    else if (isOpener(c)) depth--;
  }
  return depth;
}

function skipWhitespace(text: string, at: number): number {
  let i = at;
  while (isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where the object or list value of the top-level member `key` lies in
 * `text` (an object's JSON text), or undefined.
 */
function topLevelValue(
  text: string,
  key: string,
): { start: number; end: number } | undefined {
  const quoted = JSON.stringify(key);
  for (let at = text.indexOf(quoted); at >= 0; ) {
    // in valid JSON, an unescaped quote followed by `key":` opens a key
    const colon = skipWhitespace(text, at + quoted.length);
    const start = skipWhitespace(text, colon + 1);
    if (
      !isEscaped(text, at) &&
      text.charCodeAt(colon) === 0x3a &&
      isOpener(text.charCodeAt(start))
    ) {
      const end = endOfContainer(text, start);
      if (end < 0) return undefined;
      // the value is balanced, so the key lies as deep as its end: counted
      // over the text before the key or after the value, the shorter
      if (depthAt(text, at < text.length - end ? at : end) === 1) {
        return { start, end };
      }
    }
    at = text.indexOf(quoted, at + 1);
  }
  return undefined;
}

/**
 * `JSON.parse(text)` without the members `omit` names at its top level:
 * their values (objects or lists) are not parsed, only followed to their
 * end, so that an error in one is found only if it breaks their structure
 * (a string or a bracket left open). Any other error is JSON.parse's own,
 * at its place in `text`.
 */
export function parseObjectWithout(
  text: string,
  omit: readonly string[],
): unknown {
  const skipped = omit
    .map(key => topLevelValue(text, key))
    .filter((span): span is { start: number; end: number } => !!span)
    .sort((a, b) => a.start - b.start);
  let value: unknown;
  if (skipped.length === 0) {
    value = JSON.parse(text);
  } else {
    let kept = '';
    let from = 0;
    for (const { start, end } of skipped) {
      kept += `${text.slice(from, start)}null`;
      from = end;
    }
    kept += text.slice(from);
    try {
      value = JSON.parse(kept);
    } catch {
      // the error where it is in the file, not in the text parsed
      value = JSON.parse(text);
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of omit) delete (value as Record<string, unknown>)[key];
  }
  return value;
}
