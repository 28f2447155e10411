import { TestDatabases } from '@backstage/backend-test-utils';
import { BlobServiceClient } from '@azure/storage-blob';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import knexFactory, { type Knex } from 'knex';
import { artifactStorageContract } from '../testUtils/artifactStorageContract';
import {
  AZURITE_ACCOUNT,
  freePort,
  startAzurite,
  startS3rver,
  type TestServer,
} from '../testUtils/servers';
import { AzureArtifactStorage } from './AzureArtifactStorage';
import { DatabaseArtifactStorage } from './DatabaseArtifactStorage';
import { GcsArtifactStorage } from './GcsArtifactStorage';
import { LocalArtifactStorage } from './LocalArtifactStorage';
import { S3ArtifactStorage } from './S3ArtifactStorage';

jest.setTimeout(120_000);

const MB = 1024 * 1024;
const POSTGRES_IDS = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
] as const;

describe('local adapter', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-contract-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  artifactStorageContract({
    create: async () =>
      new LocalArtifactStorage({ basePath: path.join(dir, 'root') }),
    // A volume that went away: the directory is gone and a file took its place.
    createUnreachable: async () => {
      const basePath = path.join(dir, 'gone');
      const storage = new LocalArtifactStorage({ basePath });
      fs.rmSync(basePath, { recursive: true });
      fs.writeFileSync(basePath, '');
      return storage;
    },
  });
});

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...POSTGRES_IDS],
  disableDocker: true,
});
if (process.env.CI && !POSTGRES_IDS.some(id => databases.supports(id))) {
  throw new Error(
    'CI=true but no Postgres test database is configured; run the tests through `make test`',
  );
}

/**
 * The database to test on. SQLite on a file, not TestDatabases' in-memory
 * one: an in-memory database holds every object in this process's memory,
 * which is not what the flat-memory case measures.
 */
async function databaseFor(id: (typeof databaseIds)[number][0]): Promise<Knex> {
  if (id !== 'SQLITE_3') {
    return databases.init(id);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-sqlite-'));
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'artifacts.sqlite') },
    useNullAsDefault: true,
  });
}
const databaseIds = databases.eachSupportedId();

describe.each(databaseIds)('database adapter on %s', id => {
  artifactStorageContract({
    create: async () =>
      DatabaseArtifactStorage.create({
        knex: await databaseFor(id),
        maxSizeMb: 64,
      }),
    createUnreachable: async () => {
      const knex = await databaseFor(id);
      const storage = await DatabaseArtifactStorage.create({
        knex,
        maxSizeMb: 64,
      });
      await knex.destroy();
      return storage;
    },
  });

  it('enforces maxSizeMb with a clear error and keeps the previous content', async () => {
    const storage = await DatabaseArtifactStorage.create({
      knex: await databaseFor(id),
      maxSizeMb: 1,
    });
    await storage.upload('reports/a/b/c/1.log', 'small', 'text/plain');
    await expect(
      storage.upload('reports/a/b/c/1.log', Buffer.alloc(MB + 1), 'text/plain'),
    ).rejects.toMatchObject({
      name: 'ArtifactTooLargeError',
      statusCode: 413,
      message: expect.stringContaining(
        'tofui.storage.database.maxSizeMb (1 MB)',
      ),
    });
    expect(await text(await storage.download('reports/a/b/c/1.log'))).toBe(
      'small',
    );
  });
});

describe('s3 adapter on s3rver', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startS3rver(['tofui-contract']);
  });
  afterAll(() => server?.stop());
  const s3 = (endpoint: string) =>
    new S3ArtifactStorage({
      bucket: 'tofui-contract',
      endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      connectionTimeoutMs: 1_000,
    });
  artifactStorageContract({
    create: async () => s3(server.endpoint),
    createUnreachable: async () => s3(`http://127.0.0.1:${await freePort()}`),
  });
});

describe('azure adapter on Azurite', () => {
  let server: TestServer & { connectionString: string };
  beforeAll(async () => {
    server = await startAzurite();
    await BlobServiceClient.fromConnectionString(server.connectionString)
      .getContainerClient('tofui-contract')
      .createIfNotExists();
  });
  afterAll(() => server?.stop());
  artifactStorageContract({
    create: async () =>
      new AzureArtifactStorage({
        container: 'tofui-contract',
        connectionString: server.connectionString,
      }),
    createUnreachable: async () =>
      new AzureArtifactStorage({
        container: 'tofui-contract',
        accountName: AZURITE_ACCOUNT.name,
        accountKey: AZURITE_ACCOUNT.key,
        endpoint: `http://127.0.0.1:${await freePort()}/${
          AZURITE_ACCOUNT.name
        }`,
        tryTimeoutMs: 2_000,
      }),
  });
});

// No GCS-API server installs from npm or Debian here (fake-gcs-server is a Go
// binary; the Firebase emulator needs Java 21). Point this at one to run it:
// TOFUI_TEST_GCS_ENDPOINT=http://localhost:4443 TOFUI_TEST_GCS_BUCKET=tofui-contract
const gcsEndpoint = process.env.TOFUI_TEST_GCS_ENDPOINT;
if (!gcsEndpoint) {
  // eslint-disable-next-line no-console
  console.warn(
    'SKIPPED: gcs adapter contract (set TOFUI_TEST_GCS_ENDPOINT to a GCS-API server)',
  );
}
(gcsEndpoint ? describe : describe.skip)(
  'gcs adapter on a GCS-API server',
  () => {
    const bucket = process.env.TOFUI_TEST_GCS_BUCKET ?? 'tofui-contract';
    artifactStorageContract({
      create: async () =>
        new GcsArtifactStorage({
          bucket,
          apiEndpoint: gcsEndpoint,
          projectId: 'test',
        }),
      createUnreachable: async () =>
        new GcsArtifactStorage({
          bucket,
          apiEndpoint: `http://127.0.0.1:${await freePort()}`,
          projectId: 'test',
          timeoutMs: 2_000,
        }),
    });
  },
);
