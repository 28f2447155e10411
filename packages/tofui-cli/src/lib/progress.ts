/** Where progress goes: stderr, or a fake terminal in tests. */
export interface ProgressOutput {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

/** Uploads smaller than this finish too fast for a progress line to help. */
export const PROGRESS_MIN_BYTES = 1_000_000;
const REDRAW_EVERY_MS = 100;

export interface UploadProgress {
  /** Counts bytes handed to the connection. */
  add(bytes: number): void;
  /** Clears the line, so that what follows starts on a clean line. */
  done(): void;
}

/**
 * A one-line `uploading 1.2 MB / 4.0 MB (30%)` display on a terminal, or
 * undefined when there is none (CI logs would fill with carriage returns) or
 * the upload is small.
 */
export function createUploadProgress(
  total: number,
  output: ProgressOutput,
  now: () => number = Date.now,
): UploadProgress | undefined {
  if (!output.isTTY || total < PROGRESS_MIN_BYTES) {
    return undefined;
  }
  let sent = 0;
  let drawnAt = -Infinity;
  let drawn = false;
  return {
    add(bytes) {
      sent += bytes;
      const time = now();
      if (time - drawnAt >= REDRAW_EVERY_MS) {
        drawnAt = time;
        drawn = true;
        // \x1b[K erases what a longer previous line left behind
        output.write(`\r${formatProgress(sent, total)}\x1b[K`);
      }
    },
    done() {
      if (drawn) {
        output.write('\r\x1b[K');
        drawn = false;
      }
    },
  };
}

export function formatProgress(sent: number, total: number): string {
  const percent =
    total > 0 ? Math.floor((Math.min(sent, total) / total) * 100) : 100;
  return `tofui: uploading ${formatBytes(sent)} / ${formatBytes(
    total,
  )} (${percent}%)`;
}

/** Decimal units, as `PROGRESS_MIN_BYTES` counts them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) {
    return `${bytes} B`;
  }
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  // 999.96 kB would print as "1000.0 kB"
  while (value >= 999.95 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Passes chunks through unchanged, reporting their sizes. */
export function countingStream(
  onBytes: (bytes: number) => void,
): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      onBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
}
