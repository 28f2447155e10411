import { splitLines, stripAnsi } from './text';

const ESC = '\u001b';

describe('stripAnsi', () => {
  it('removes colour, bold and reset codes', () => {
    expect(
      stripAnsi(`${ESC}[0m${ESC}[1m${ESC}[32mApply complete!${ESC}[0m`),
    ).toBe('Apply complete!');
  });

  it('removes OSC hyperlinks and cursor codes', () => {
    expect(
      stripAnsi(
        `${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\${ESC}[2K${ESC}[1A`,
      ),
    ).toBe('link');
  });

  it('removes colour codes whose ESC byte was lost', () => {
    expect(stripAnsi('[0m[1maws_instance.web: Creating...[0m')).toBe(
      'aws_instance.web: Creating...',
    );
  });

  it('keeps brackets that are not colour codes', () => {
    for (const line of [
      'aws_instance.web[0]: Creation complete after 1m2s [id=i-1]',
      'aws_db.main: Still creating... [00m10s elapsed]',
      'aws_db.main: Still creating... [1m0s elapsed] [0m',
    ]) {
      expect(stripAnsi(line)).toBe(line.replace(' [0m', ' '));
    }
  });
});

describe('splitLines', () => {
  it('splits on LF, CRLF and lone CR', () => {
    expect(splitLines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
  });
});
