const ESC = '\u001b';

/**
 * ANSI escapes: CSI sequences (colours, cursor moves), OSC sequences
 * (hyperlinks, titles) and the two-byte ones. Built from a string so the
 * pattern needs no control characters in a regex literal.
 */
const ANSI = new RegExp(
  `${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^\\u0007${ESC}]*(?:\\u0007|${ESC}\\\\)?|${ESC}[@-Z\\\\-_]`,
  'g',
);

/**
 * Colour codes whose ESC byte was lost on the way (some CI log viewers
 * drop it and leave `[0m[1m`). Only lines holding a reset (`[0m`) are
 * touched, and only SGR codes not followed by a digit, so `[id=…]`, `[0]`
 * keys and Terraform's `[00m10s elapsed]` are safe.
 */
const BARE_SGR = /\[[0-9]{1,3}(?:;[0-9]{1,3})*m(?![0-9])/g;

/** Removes ANSI colour and control sequences. @public */
export function stripAnsi(text: string): string {
  let out = text;
  if (out.includes(ESC)) {
    out = out.replace(ANSI, '');
  }
  if (out.includes('[0m')) {
    out = out.replace(BARE_SGR, '');
  }
  return out;
}

/**
 * Splits on LF, CRLF and lone CR: Terraform itself treats a lone CR as a
 * line end when it reads provisioner output, and Windows runners add CRLF.
 */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
