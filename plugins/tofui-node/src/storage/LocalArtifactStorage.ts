import { NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey } from './keys';
import { toReadable } from './streams';
import type { ArtifactContent, ArtifactStorage } from './types';

const TEMP_MARKER = '.tofui-tmp-';

/**
 * Artifacts as files under a base directory. Writes go to a temporary file in
 * the same directory and are renamed into place, so a reader sees the old
 * object or the new one, never a partial one.
 *
 * @public
 */
export class LocalArtifactStorage implements ArtifactStorage {
  private readonly root: string;

  constructor(options: { basePath: string }) {
    this.root = path.resolve(options.basePath);
    fs.mkdirSync(this.root, { recursive: true });
  }

  async upload(
    key: string,
    content: ArtifactContent,
    _contentType?: string,
  ): Promise<void> {
    const file = this.resolve(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}${TEMP_MARKER}${randomUUID()}`;
    try {
      await pipeline(
        toReadable(content),
        fs.createWriteStream(temp, { flags: 'wx' }),
      );
      await fs.promises.rename(temp, file);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }

  async download(key: string): Promise<Readable> {
    const file = this.resolve(key);
    try {
      const handle = await fs.promises.open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`No artifact ${key}`);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.resolve(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      const stat = await fs.promises.stat(this.resolve(key));
      return stat.isFile();
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<string[]> {
    if (prefix !== '') {
      assertSafeKey(prefix, { allowTrailingSlash: true });
    }
    // Walk only the directory the prefix points into.
    const dirPart = prefix.includes('/')
      ? prefix.slice(0, prefix.lastIndexOf('/'))
      : '';
    const start = path.join(this.root, ...dirPart.split('/').filter(Boolean));
    const keys: string[] = [];
    const walk = async (dir: string) => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          await walk(full);
        } else if (entry.isFile() && !entry.name.includes(TEMP_MARKER)) {
          const key = path.relative(this.root, full).split(path.sep).join('/');
          if (key.startsWith(prefix)) {
            keys.push(key);
          }
        }
      }
    };
    await walk(start);
    return keys.sort();
  }

  async ping(): Promise<void> {
    const stat = await fs.promises.stat(this.root);
    if (!stat.isDirectory()) {
      throw new Error(`Artifact storage ${this.root} is not a directory`);
    }
    // eslint-disable-next-line no-bitwise
    await fs.promises.access(this.root, fs.constants.R_OK | fs.constants.W_OK);
  }

  private resolve(key: string): string {
    assertSafeKey(key);
    const file = path.resolve(this.root, ...key.split('/'));
    // Defence in depth: the checks above already keep keys inside the root.
    if (!file.startsWith(this.root + path.sep)) {
      throw new Error(`Storage key ${key} resolves outside the storage root`);
    }
    return file;
  }
}
