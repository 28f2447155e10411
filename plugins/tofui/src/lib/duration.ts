const UNITS = [
  ['days', 86_400],
  ['hours', 3_600],
  ['minutes', 60],
] as const;

/**
 * An age in its largest unit or two: "3 days 4 hours", "12 minutes". Plain
 * arithmetic: the dashboard's first screen needs no date library.
 */
export function formatAge(seconds: number): string {
  let rest = Math.max(0, seconds);
  const shown: Array<[string, number]> = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) shown.push([unit, n]);
  }
  if (shown.length === 0) return 'less than a minute';
  return shown
    .slice(0, 2)
    .map(([unit, n]) => `${n} ${n === 1 ? unit.slice(0, -1) : unit}`)
    .join(' ');
}
