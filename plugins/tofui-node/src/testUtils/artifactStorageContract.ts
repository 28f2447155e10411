/* eslint-disable jest/no-export -- a shared test suite: adapters (ours and third parties') import and run it */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ArtifactStorage } from '../storage/types';

/** How to get the adapter under test. */
export interface ArtifactStorageContractSetup {
  /** A storage on a running server (shared by the cases; they use their own keys). */
  create(): Promise<ArtifactStorage>;
  /** The same adapter pointed at a server that is down. */
  createUnreachable(): Promise<ArtifactStorage>;
  /** Size of the large streamed object (default 50 MB). */
  largeObjectBytes?: number;
  /**
   * Largest acceptable growth of live memory while streaming the large
   * object (default 80 % of it).
   */
  maxMemoryGrowthBytes?: number;
}

const MB = 1024 * 1024;
/** Transferred once before measuring. */
const WARM_UP = 10 * MB;
const mb = (bytes: number) => (bytes / MB).toFixed(1);

/** The 1 MB piece of deterministic test data at `offset`. */
function chunkAt(offset: number, bytes: number): Buffer {
  const seed = createHash('sha512').update(String(offset)).digest('hex');
  return Buffer.from(
    seed.repeat(MB / seed.length).slice(0, Math.min(MB, bytes - offset)),
  );
}

/** How often (in bytes streamed) live memory is sampled. */
const SAMPLE_EVERY = 5 * MB;

/**
 * A lazy stream of `bytes` of test data, and its sha256. `sample` runs every
 * few MB produced: an adapter that holds what it was given shows it there.
 */
function largeStream(
  bytes: number,
  sample: () => void = () => {},
): { stream: Readable; sha256: string } {
  const hash = createHash('sha256');
  for (let offset = 0; offset < bytes; offset += MB) {
    hash.update(chunkAt(offset, bytes));
  }
  function* generate() {
    for (let offset = 0; offset < bytes; offset += MB) {
      if (offset % SAMPLE_EVERY === 0) {
        sample();
      }
      yield chunkAt(offset, bytes);
    }
  }
  return { stream: Readable.from(generate()), sha256: hash.digest('hex') };
}

/** Hashes a stream; `sample` runs every few MB consumed. */
async function sha256Of(
  stream: Readable,
  sample: () => void = () => {},
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let nextSample = SAMPLE_EVERY;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
    if (bytes >= nextSample) {
      sample();
      nextSample += SAMPLE_EVERY;
    }
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A full garbage collection, to measure live memory rather than garbage. */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc');
})();

function liveMemory(): number {
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/**
 * Peak growth of live memory (JS heap and buffers, after collecting garbage)
 * over the samples `fn` takes while data streams through the adapter, and at
 * its end. Sampling by progress, not by timer, sees every transfer the same
 * way however fast it runs.
 */
async function peakMemoryGrowth(
  fn: (sample: () => void) => Promise<void>,
): Promise<number> {
  const baseline = liveMemory();
  let peak = baseline;
  const sample = () => {
    peak = Math.max(peak, liveMemory());
  };
  await fn(sample);
  sample();
  return peak - baseline;
}

/**
 * The behaviour every artifact storage adapter must have, as Jest tests:
 * call it inside a `describe` for each adapter, against a real server.
 *
 * @public
 */
export function artifactStorageContract(setup: ArtifactStorageContractSetup) {
  const largeBytes = setup.largeObjectBytes ?? 50 * MB;
  // Holding the object would take all of it; streaming needs a bounded part
  // (S3 keeps two 5 MB parts in flight, the pg driver a hex-encoded chunk…).
  const maxGrowth = setup.maxMemoryGrowthBytes ?? 0.8 * largeBytes;
  let storage: ArtifactStorage;
  let base: string;

  beforeAll(async () => {
    storage = await setup.create();
  });
  beforeEach(() => {
    // Keys of each case under their own prefix: the server is shared.
    base = `reports/contract/${randomUUID().slice(0, 8)}`;
  });

  it('round-trips content with its type and answers exists', async () => {
    const key = `${base}/f/1.html`;
    expect(await storage.exists(key)).toBe(false);
    await storage.upload(
      key,
      '<h1>tofUI ✓ 東京</h1>',
      'text/html; charset=utf-8',
    );
    expect(await text(await storage.download(key))).toBe(
      '<h1>tofUI ✓ 東京</h1>',
    );
    expect(await storage.exists(key)).toBe(true);
  });

  it('overwrites', async () => {
    const key = `${base}/f/1.json`;
    await storage.upload(key, '{"v":1}', 'application/json');
    await storage.upload(key, Buffer.from('{"v":2}'), 'application/json');
    expect(await text(await storage.download(key))).toBe('{"v":2}');
  });

  it(`streams a ${
    largeBytes / MB
  } MB object up and down with flat memory`, async () => {
    // Warm up first (lazily loaded code, connection pools, first-use
    // buffers): what is measured is the cost of the object, not of the first
    // transfer. Streaming adapters hold a bounded amount (S3: about 27 MB in
    // two 5 MB parts in flight and their copies, for 50 MB as for 150 MB);
    // holding the object would cost all of it.
    await storage.upload(
      `${base}/big/warm-up`,
      largeStream(WARM_UP).stream,
      'application/json',
    );
    await sha256Of(await storage.download(`${base}/big/warm-up`));
    const large = await transferGrowth(`${base}/big/plan.json`, largeBytes);
    // eslint-disable-next-line no-console
    console.info(
      `memory growth for ${largeBytes / MB} MB: upload ${mb(
        large.upload,
      )} MB, download ${mb(large.download)} MB`,
    );
    expect(large.upload).toBeLessThan(maxGrowth);
    expect(large.download).toBeLessThan(maxGrowth);
  }, 180_000);

  async function transferGrowth(key: string, bytes: number) {
    let sha256 = '';
    const upload = await peakMemoryGrowth(sample => {
      const content = largeStream(bytes, sample);
      sha256 = content.sha256;
      return storage.upload(key, content.stream, 'application/json');
    });
    let downloaded = { sha256: '', bytes: 0 };
    const download = await peakMemoryGrowth(async sample => {
      downloaded = await sha256Of(await storage.download(key), sample);
    });
    expect(downloaded).toEqual({ sha256, bytes });
    await storage.delete(key);
    return { upload, download };
  }

  it('takes concurrent writes to different keys', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `${base}/c/${i}.log`);
    await Promise.all(
      keys.map((key, i) => storage.upload(key, `log ${i}`, 'text/plain')),
    );
    const contents = await Promise.all(
      keys.map(async key => text(await storage.download(key))),
    );
    expect(contents).toEqual(keys.map((_, i) => `log ${i}`));
  });

  it('answers NotFoundError for a missing key, and deleting it is fine', async () => {
    const key = `${base}/missing.html`;
    await expect(storage.download(key)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('lists by prefix, sorted', async () => {
    for (const key of ['a/2.log', 'a/1.html', 'ab/3.json', 'b/4.html']) {
      await storage.upload(`${base}/${key}`, key, 'text/plain');
    }
    expect(await storage.list(`${base}/a/`)).toEqual([
      `${base}/a/1.html`,
      `${base}/a/2.log`,
    ]);
    expect(await storage.list(`${base}/a`)).toEqual([
      `${base}/a/1.html`,
      `${base}/a/2.log`,
      `${base}/ab/3.json`,
    ]);
    expect(await storage.list(`${base}/none/`)).toEqual([]);
  });

  it('deletes', async () => {
    const key = `${base}/d/1.html`;
    await storage.upload(key, 'x', 'text/html');
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.download(key)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it.each([
    ['a parent segment', '../escape.html'],
    ['an encoded parent segment', 'reports/%2e%2e/escape.html'],
    ['an absolute path', '/etc/passwd'],
    ['backslashes', 'reports\\..\\escape.html'],
    ['NUL', 'reports/a\u0000b.html'],
    ['a 300-character segment', `reports/${'x'.repeat(300)}.html`],
  ])('refuses a key with %s', async (_what, key) => {
    await expect(storage.upload(key, 'x', 'text/plain')).rejects.toMatchObject({
      name: 'InputError',
    });
    await expect(storage.download(key)).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('pings while reachable', async () => {
    await expect(storage.ping()).resolves.toBeUndefined();
  });

  it('fails clearly, without hanging, when the server is down', async () => {
    const down = await setup.createUnreachable();
    const started = Date.now();
    await expect(
      down.upload(`${base}/x.html`, 'x', 'text/html'),
    ).rejects.toThrow();
    await expect(down.download(`${base}/x.html`)).rejects.toThrow();
    await expect(down.ping()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
}
