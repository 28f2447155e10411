import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const open = await new Promise<boolean>(resolve => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      socket.on('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) {
      return;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`Nothing listens on port ${port} after ${timeoutMs} ms`);
}

/** A running protocol server for tests and benchmarks. */
export interface TestServer {
  endpoint: string;
  stop(): Promise<void>;
}

function spawnServer(
  args: string[],
  port: number,
  dir: string,
): Promise<TestServer> {
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: 'ignore',
  });
  const stop = async () => {
    if (child.exitCode === null) {
      // Disposable: no graceful shutdown (Azurite's takes a minute).
      child.kill('SIGKILL');
      await new Promise(r => child.once('exit', r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return waitForPort(port, 30_000).then(
    () => ({ endpoint: `http://127.0.0.1:${port}`, stop }),
    async error => {
      await stop();
      throw error;
    },
  );
}

/**
 * s3rver, an S3-protocol server on disk, in its own process (so its memory is
 * not the adapter's). Credentials: S3RVER / S3RVER.
 */
export async function startS3rver(buckets: string[]): Promise<TestServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-s3rver-'));
  const script = `
    const S3rver = require(${JSON.stringify(require.resolve('s3rver'))});
    new S3rver({ port: ${port}, address: '127.0.0.1', silent: true, directory: ${JSON.stringify(
    dir,
  )},
      configureBuckets: ${JSON.stringify(
        buckets.map(name => ({ name })),
      )} }).run();
  `;
  return spawnServer(['-e', script], port, dir);
}

/** The well-known development account of Azurite. */
export const AZURITE_ACCOUNT = {
  name: 'devstoreaccount1',
  key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
};

/** Azurite (the Azure Storage emulator), blob service only, in its own process. */
export async function startAzurite(): Promise<
  TestServer & { connectionString: string }
> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-azurite-'));
  const main = path.join(
    path.dirname(require.resolve('azurite/package.json')),
    'dist/src/blob/main.js',
  );
  const server = await spawnServer(
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      dir,
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
    ],
    port,
    dir,
  );
  return {
    ...server,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT.name};` +
      `AccountKey=${AZURITE_ACCOUNT.key};BlobEndpoint=${server.endpoint}/${AZURITE_ACCOUNT.name};`,
  };
}
