import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalArtifactStorage } from './LocalArtifactStorage';
import { reportArtifactKey } from './keys';

describe('LocalArtifactStorage', () => {
  let dir: string;
  let storage: LocalArtifactStorage;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-storage-'));
    storage = new LocalArtifactStorage({ basePath: path.join(dir, 'root') });
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips, overwrites, lists and deletes', async () => {
    await storage.upload('reports/a/b/f/1.html', '<p>one</p>', 'text/html');
    await storage.upload('reports/a/b/f/1.html', '<p>two</p>', 'text/html');
    await storage.upload(
      'reports/a/b/g/2.log',
      Readable.from(['line 1\n', 'line 2\n']),
      'text/plain',
    );
    expect(await text(await storage.download('reports/a/b/f/1.html'))).toBe(
      '<p>two</p>',
    );
    expect(await storage.list('reports/a/b/')).toEqual([
      'reports/a/b/f/1.html',
      'reports/a/b/g/2.log',
    ]);
    expect(await storage.list('reports/a/b/g')).toEqual(['reports/a/b/g/2.log']);
    expect(await storage.exists('reports/a/b/g/2.log')).toBe(true);
    await storage.delete('reports/a/b/g/2.log');
    await storage.delete('reports/a/b/g/2.log');
    expect(await storage.exists('reports/a/b/g/2.log')).toBe(false);
  });

  it('pings while its root is usable', async () => {
    await expect(storage.ping()).resolves.toBeUndefined();
    fs.rmSync(path.join(dir, 'root'), { recursive: true });
    await expect(storage.ping()).rejects.toThrow(/ENOENT/);
  });

  it('answers NotFoundError for a missing key', async () => {
    await expect(storage.download('reports/x/y/z/1.json')).rejects.toMatchObject(
      { name: 'NotFoundError' },
    );
  });

  it('leaves nothing behind when the upload stream fails', async () => {
    const failing = new Readable({
      read() {
        this.push('partial');
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(
      storage.upload('reports/a/b/f/3.json', failing, 'application/json'),
    ).rejects.toThrow('connection reset');
    expect(await storage.exists('reports/a/b/f/3.json')).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'root/reports/a/b/f'))).toEqual([]);
  });

  it.each([
    '../escape.html',
    'reports/../../escape.html',
    'reports/%2e%2e/%2E%2E/escape.html',
    '/etc/passwd',
    'reports\\..\\escape.html',
    'reports/a\u0000b/1.html',
    'reports//1.html',
    `reports/${'x'.repeat(256)}/1.html`,
  ])('refuses the key %j', async key => {
    await expect(storage.upload(key, 'x', 'text/plain')).rejects.toMatchObject({
      name: 'InputError',
    });
    await expect(storage.download(key)).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(fs.readdirSync(dir)).toEqual(['root']);
  });

  it('stores unicode names', async () => {
    const key = reportArtifactKey({
      repository: 'acme/infra',
      folder: 'région_ümlaut_東京',
      reportId: 'r1',
      extension: 'log',
    });
    await storage.upload(key, 'ok', 'text/plain');
    expect(await storage.list('reports/acme/')).toEqual([key]);
  });
});

describe('reportArtifactKey', () => {
  it('builds reports/{owner}/{repo}/{folder}/{id}.{ext}', () => {
    expect(
      reportArtifactKey({
        repository: 'acme/infra',
        folder: '_root',
        reportId: 'abc',
        extension: 'html',
      }),
    ).toBe('reports/acme/infra/_root/abc.html');
  });

  it.each(['..', '.', 'a/b', 'a\\b', '%2e%2e'])(
    'refuses the folder %j',
    folder => {
      expect(() =>
        reportArtifactKey({
          repository: 'acme/infra',
          folder,
          reportId: 'abc',
          extension: 'html',
        }),
      ).toThrow(/folder|segment/);
    },
  );
});
