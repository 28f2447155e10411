/**
 * Relative times ("5 minutes ago") and their full form for tooltips with the
 * browser's Intl formatters, created once: the dashboard draws two per row,
 * and a date library (parsing, zones, a formatter per call) cost more than
 * the rest of the row and delayed the first screen by its download.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let relative: Intl.RelativeTimeFormat | undefined;
let full: Intl.DateTimeFormat | undefined;

/**
 * Whole calendar months from `from` to `to` (negative when `to` is
 * earlier): a month counts once the same day and time of month is reached.
 */
function calendarMonths(from: Date, to: Date): number {
  const [a, b, sign] = to >= from ? [from, to, 1] : [to, from, -1];
  let months =
    (b.getFullYear() - a.getFullYear()) * 12 + b.getMonth() - a.getMonth();
  const dayAndTime = (d: Date) =>
    d.getDate() * DAY + (d.getTime() - new Date(d).setHours(0, 0, 0, 0));
  if (months > 0 && dayAndTime(b) < dayAndTime(a)) months--;
  return sign * months;
}

/**
 * `time` relative to `now` in its largest whole unit (years, months, days,
 * hours, minutes, seconds), truncated towards zero: "3 days ago", "in 2
 * hours", "0 seconds ago".
 */
export function formatRelative(time: Date, now: Date = new Date()): string {
  relative ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });
  const months = calendarMonths(now, time);
  if (Math.abs(months) >= 12) {
    return relative.format(Math.trunc(months / 12), 'year');
  }
  if (months !== 0) return relative.format(months, 'month');
  const ms = time.getTime() - now.getTime();
  for (const [unit, size] of [
    ['day', DAY],
    ['hour', HOUR],
    ['minute', MINUTE],
  ] as const) {
    if (Math.abs(ms) >= size)
      return relative.format(Math.trunc(ms / size), unit);
  }
  const seconds = Math.trunc(ms / 1000);
  return relative.format(seconds === 0 && ms < 0 ? -0 : seconds, 'second');
}

/** The full date and time with its zone: "December 2, 2026 at 7:57 AM UTC". */
export function formatFull(time: Date): string {
  full ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    timeZoneName: 'short',
  });
  return full.format(time);
}
