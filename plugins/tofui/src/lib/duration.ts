import { Duration } from 'luxon';

/** An age in its largest unit or two: "3 days 4 hours", "12 minutes". */
export function formatAge(seconds: number): string {
  const units = ['days', 'hours', 'minutes'] as const;
  const parts = Duration.fromObject({ seconds: Math.max(0, seconds) })
    .shiftTo(...units)
    .toObject();
  const shown = units
    .map(unit => [unit, Math.floor(parts[unit] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .slice(0, 2);
  if (shown.length === 0) return 'less than a minute';
  return shown
    .map(([unit, n]) => `${n} ${n === 1 ? unit.slice(0, -1) : unit}`)
    .join(' ');
}
