import { parsePlan } from './parsePlan';

describe('parsePlan', () => {
  it.each(['0.1', '0.2', '1.0', '1.1', '1.2'])('reads format %s', version => {
    const { plan, warnings } = parsePlan({ format_version: version });
    expect(plan.format_version).toBe(version);
    expect(warnings).toEqual([]);
  });

  it('reads an unknown 1.x minor with a warning', () => {
    const { warnings } = parsePlan('{"format_version":"1.7"}');
    expect(warnings).toEqual([expect.stringContaining('1.7')]);
  });

  it.each([
    ['{"format_version":"2.0"}', /Unsupported plan format_version 2\.0/],
    ['{"format_version":"0.3"}', /Unsupported plan format_version 0\.3/],
    ['{}', /no format_version/],
    ['[1]', /must be an object/],
    ['{nope', /not valid JSON/],
    [
      '{"encryption_version":"v0","encrypted_data":"…"}',
      /encrypted OpenTofu plan/,
    ],
    ['{"format_version":"1.0","resource_changes":{}}', /must be an array/],
  ])('rejects %s', (input, message) => {
    expect(() => parsePlan(input)).toThrow(message);
  });
});
