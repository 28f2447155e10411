const UNIT_SECONDS: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 0.001,
  us: 0.000001,
  µs: 0.000001,
  ns: 0.000000001,
};

const PART = /([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|us|µs|ns)/y;

/**
 * Reads a Go duration as Terraform and OpenTofu print it (`12s`, `1m2s`,
 * `1h0m3s`, `00m10s` in newer Terraform's "elapsed") into seconds.
 * Returns undefined for anything else, so a garbled log never gives a
 * made-up number.
 */
export function parseDuration(text: string): number | undefined {
  if (text.length === 0 || text.length > 64) {
    return undefined;
  }
  let seconds = 0;
  let pos = 0;
  PART.lastIndex = 0;
  while (pos < text.length) {
    PART.lastIndex = pos;
    const m = PART.exec(text);
    if (!m) {
      return undefined;
    }
    seconds += Number(m[1]) * UNIT_SECONDS[m[2]];
    pos = PART.lastIndex;
  }
  // Sub-second units sum to float noise; Terraform rounds to seconds anyway.
  return Math.round(seconds * 1000) / 1000;
}
