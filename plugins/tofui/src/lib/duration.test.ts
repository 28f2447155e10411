import { formatAge } from './duration';

describe('formatAge', () => {
  it.each([
    [0, 'less than a minute'],
    [59, 'less than a minute'],
    [60, '1 minute'],
    [3 * 3600 + 120, '3 hours 2 minutes'],
    [86400 + 3600, '1 day 1 hour'],
    [9 * 86400 + 5 * 3600 + 59, '9 days 5 hours'],
  ])('%i s is %s', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});
