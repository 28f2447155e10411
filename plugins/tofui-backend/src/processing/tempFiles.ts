import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs `fn` with a private temporary directory, removed afterwards whatever
 * happens. Heavy work passes artifacts through files: an upload is written
 * as it arrives and read by the worker, never held by the request thread.
 */
export async function withTempDir<T>(
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'tofui-work-'));
  try {
    return await fn(dir);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** A temporary directory to remove later (a log held until the publish commits). */
export async function makeTempDir(): Promise<{
  dir: string;
  remove: () => Promise<void>;
}> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'tofui-work-'));
  return { dir, remove: () => fsp.rm(dir, { recursive: true, force: true }) };
}

/** A file's content as a stream, for storage uploads. */
export function readStream(file: string): fs.ReadStream {
  return fs.createReadStream(file);
}
