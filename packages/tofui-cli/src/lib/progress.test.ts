import {
  countingStream,
  createUploadProgress,
  formatBytes,
  formatProgress,
} from './progress';

/** A terminal that keeps what was written to it. */
function fakeTerminal(isTTY = true) {
  const writes: string[] = [];
  return { isTTY, writes, write: (chunk: string) => writes.push(chunk) };
}

describe('formatBytes', () => {
  it('uses decimal units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(999_960)).toBe('1.0 MB');
    expect(formatBytes(5_000_000_000)).toBe('5.0 GB');
  });
});

describe('formatProgress', () => {
  it('shows sent, total and a whole percentage', () => {
    expect(formatProgress(1_234_567, 4_000_000)).toBe(
      'tofui: uploading 1.2 MB / 4.0 MB (30%)',
    );
    expect(formatProgress(4_000_000, 4_000_000)).toMatch(/\(100%\)$/);
  });
});

describe('createUploadProgress', () => {
  it('redraws at most every 100 ms and clears the line at the end', () => {
    const terminal = fakeTerminal();
    let time = 1000;
    const progress = createUploadProgress(2_000_000, terminal, () => time)!;
    progress.add(500_000); // drawn: the first chunk
    time += 50;
    progress.add(500_000); // too soon
    time += 50;
    progress.add(500_000); // 100 ms after the first
    time += 99;
    progress.add(500_000); // too soon
    progress.done();
    expect(terminal.writes).toEqual([
      '\rtofui: uploading 500.0 kB / 2.0 MB (25%)\x1b[K',
      '\rtofui: uploading 1.5 MB / 2.0 MB (75%)\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('stays silent off a terminal and for small uploads', () => {
    expect(createUploadProgress(50_000_000, fakeTerminal(false))).toBe(
      undefined,
    );
    expect(createUploadProgress(999_999, fakeTerminal())).toBe(undefined);
    const terminal = fakeTerminal();
    createUploadProgress(1_000_000, terminal)!.done();
    expect(terminal.writes).toEqual([]); // nothing drawn, nothing to clear
  });
});

describe('countingStream', () => {
  it('passes every byte through and counts it', async () => {
    const counts: number[] = [];
    const source = new Blob([new Uint8Array(70_000).fill(7), 'tail']);
    const counted = source
      .stream()
      .pipeThrough(countingStream(n => counts.push(n)));
    const received = new Uint8Array(await new Response(counted).arrayBuffer());
    expect(received.byteLength).toBe(70_004);
    expect(Buffer.from(received.subarray(70_000)).toString()).toBe('tail');
    expect(counts.reduce((a, b) => a + b, 0)).toBe(70_004);
  });
});
