/* eslint-disable no-script-url -- hostile URLs are the test input */
import { safeHttpUrl } from './safeUrl';

describe('safeHttpUrl', () => {
  it.each([
    ['https://ci.example.com/run/1', 'https://ci.example.com/run/1'],
    ['http://x/y', 'http://x/y'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,<script>1</script>', undefined],
    ['//evil.example', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('%s → %s', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});
