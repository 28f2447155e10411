/**
 * A resource address, matched by its grammar rather than by "everything up
 * to the first colon": for_each keys are quoted strings that may hold dots,
 * spaces, brackets and `: `, e.g. `module.x["a.b c"].aws_s3_bucket.this["k"]`.
 * Names follow HCL identifiers (Unicode letters, digits, `_`, `-`).
 * The address is kept as printed; nothing here interprets it.
 */
const NAME = '[\\p{L}_][\\p{L}\\p{N}_-]*';
const KEY = '\\[(?:[0-9]+|"(?:[^"\\\\]|\\\\.)*")\\]';
const STEP = `${NAME}(?:${KEY})?`;

/** Regex source (needs the `u` flag) for one address. */
export const ADDRESS_SOURCE = `${STEP}(?:\\.${STEP})*`;

const ADDRESS = new RegExp(`^${ADDRESS_SOURCE}$`, 'u');
const TRAILING_KEY = new RegExp(`^((?:${STEP}\\.)*${NAME})${KEY}$`, 'u');

/** Whether the whole text is one resource address. */
export function isAddress(text: string): boolean {
  return ADDRESS.test(text);
}

/**
 * The address without its last instance key (`aws_x.y["a"]` →
 * `aws_x.y`), or the address itself when it has none. Diagnostics may name
 * the resource while the apply printed its instances.
 */
export function baseAddress(address: string): string {
  const m = TRAILING_KEY.exec(address);
  return m ? m[1] : address;
}
