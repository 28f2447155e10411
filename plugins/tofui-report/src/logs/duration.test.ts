import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['0s', 0],
    ['12s', 12],
    ['1m2s', 62],
    ['1h0m3s', 3603],
    ['2h', 7200],
    ['00m10s', 10],
    ['01m05s', 65],
    ['1.5s', 1.5],
    ['500ms', 0.5],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 's', '12', '1x', '1m2', 'm1s', '12s ', 'about 3s'])(
    'refuses %j',
    text => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});
