import { DateTime } from 'luxon';
import { formatFull, formatRelative } from './relativeTime';

const now = new Date('2026-03-15T12:00:00Z');
const seconds = 1000;
const minutes = 60 * seconds;
const hours = 60 * minutes;
const days = 24 * hours;

describe('formatRelative', () => {
  // The same words the dashboard showed with luxon's toRelative().
  it.each([
    0,
    -999,
    -45 * seconds,
    -59 * minutes,
    -61 * minutes,
    -23 * hours,
    -25 * hours,
    -6 * days,
    -27 * days,
    -35 * days,
    -200 * days,
    -400 * days,
    -3 * 365 * days,
    5 * minutes,
    3 * days,
    70 * days,
  ])('%i ms from now reads as luxon does', offset => {
    const time = new Date(now.getTime() + offset);
    expect(formatRelative(time, now)).toBe(
      DateTime.fromJSDate(time).toRelative({
        base: DateTime.fromJSDate(now),
      }),
    );
  });

  it('counts a month once its day of month is reached', () => {
    expect(formatRelative(new Date('2026-02-16T12:00:00Z'), now)).toBe(
      '27 days ago',
    );
    expect(formatRelative(new Date('2026-02-15T12:00:00Z'), now)).toBe(
      '1 month ago',
    );
  });
});

describe('formatFull', () => {
  it('reads as luxon DATETIME_FULL', () => {
    expect(formatFull(now)).toBe(
      DateTime.fromJSDate(now).toLocaleString(DateTime.DATETIME_FULL),
    );
  });
});
