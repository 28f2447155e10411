/**
 * Artifact storage throughput: upload and download of 1 MB and 50 MB objects
 * through every adapter that has a server here (local disk, database on
 * SQLite and Postgres, s3 on s3rver, azure on Azurite). Run with ./run.
 *
 * Uploads stream from memory (64 KiB chunks, as a multipart part arrives);
 * downloads consume the whole stream. Each figure is the median of several
 * runs; the servers run in their own processes.
 */
import {
  type ArtifactStorage,
  AzureArtifactStorage,
  DatabaseArtifactStorage,
  LocalArtifactStorage,
  S3ArtifactStorage,
} from '@tofui/backstage-plugin-tofui-node';
import {
  startAzurite,
  startS3rver,
} from '@tofui/backstage-plugin-tofui-node/testUtils';
import { BlobServiceClient } from '@azure/storage-blob';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'tofui ');
const SIZES = [
  { label: '1 MB', bytes: MB, runs: Number(process.env.RUNS_1MB ?? 20) },
  { label: '50 MB', bytes: 50 * MB, runs: Number(process.env.RUNS_50MB ?? 5) },
];
const POSTGRES_URL =
  process.env.TOFUI_BENCH_POSTGRES_URL ??
  'postgresql://postgres@127.0.0.1:5432';

function content(bytes: number): Readable {
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= chunk.length;
      this.push(chunk);
    },
  });
}

async function drain(stream: Readable): Promise<number> {
  let n = 0;
  for await (const chunk of stream) {
    n += (chunk as Buffer).length;
  }
  return n;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function measure(name: string, storage: ArtifactStorage) {
  const rows = [];
  for (const size of SIZES) {
    const up: number[] = [];
    const down: number[] = [];
    for (let i = 0; i < size.runs; i++) {
      const key = `reports/bench/storage/${size.bytes}/${i}.log`;
      let started = process.hrtime.bigint();
      await storage.upload(key, content(size.bytes), 'text/plain');
      up.push(Number(process.hrtime.bigint() - started) / 1e6);
      started = process.hrtime.bigint();
      const read = await drain(await storage.download(key));
      down.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (read !== size.bytes) {
        throw new Error(`${name}: read ${read} bytes of ${size.bytes}`);
      }
      await storage.delete(key);
    }
    const row = {
      adapter: name,
      size: size.label,
      runs: size.runs,
      uploadMs: median(up),
      uploadMBps: size.bytes / MB / (median(up) / 1000),
      downloadMs: median(down),
      downloadMBps: size.bytes / MB / (median(down) / 1000),
    };
    rows.push(row);
    console.error(
      `${name.padEnd(22)} ${size.label.padStart(6)}  upload ${row.uploadMs
        .toFixed(1)
        .padStart(8)} ms ` +
        `(${row.uploadMBps
          .toFixed(0)
          .padStart(5)} MB/s)  download ${row.downloadMs
          .toFixed(1)
          .padStart(8)} ms ` +
        `(${row.downloadMBps.toFixed(0).padStart(5)} MB/s)`,
    );
  }
  return rows;
}

async function main() {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-bench-storage-'));
  const results = [];
  try {
    if (want('local')) {
      results.push(
        ...(await measure(
          'local',
          new LocalArtifactStorage({ basePath: path.join(tmp, 'local') }),
        )),
      );
    }
    if (want('database-sqlite')) {
      const knex = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(tmp, 'artifacts.sqlite') },
        useNullAsDefault: true,
      });
      results.push(
        ...(await measure(
          'database (SQLite)',
          await DatabaseArtifactStorage.create({ knex, maxSizeMb: 64 }),
        )),
      );
      await knex.destroy();
    }
    if (want('database-postgres')) {
      const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL });
      await admin.raw('DROP DATABASE IF EXISTS tofui_bench_storage');
      await admin.raw('CREATE DATABASE tofui_bench_storage');
      const knex = knexFactory({
        client: 'pg',
        connection: `${POSTGRES_URL}/tofui_bench_storage`,
      });
      results.push(
        ...(await measure(
          'database (Postgres)',
          await DatabaseArtifactStorage.create({ knex, maxSizeMb: 64 }),
        )),
      );
      await knex.destroy();
      await admin.raw('DROP DATABASE IF EXISTS tofui_bench_storage');
      await admin.destroy();
    }
    if (want('s3')) {
      const server = await startS3rver(['tofui-bench']);
      try {
        const storage = new S3ArtifactStorage({
          bucket: 'tofui-bench',
          endpoint: server.endpoint,
          forcePathStyle: true,
          accessKeyId: 'S3RVER',
          secretAccessKey: 'S3RVER',
        });
        results.push(...(await measure('s3 (s3rver)', storage)));
      } finally {
        await server.stop();
      }
    }
    if (want('azure')) {
      const server = await startAzurite();
      try {
        await BlobServiceClient.fromConnectionString(server.connectionString)
          .getContainerClient('tofui-bench')
          .create();
        const storage = new AzureArtifactStorage({
          container: 'tofui-bench',
          connectionString: server.connectionString,
        });
        results.push(...(await measure('azure (Azurite)', storage)));
      } finally {
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    JSON.stringify(
      {
        node: process.version,
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        results,
      },
      null,
      2,
    ),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
