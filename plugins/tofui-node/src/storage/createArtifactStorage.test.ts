import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { AzureArtifactStorage } from './AzureArtifactStorage';
import { createArtifactStorage } from './createArtifactStorage';
import { DatabaseArtifactStorage } from './DatabaseArtifactStorage';
import { GcsArtifactStorage } from './GcsArtifactStorage';
import { LocalArtifactStorage } from './LocalArtifactStorage';
import { S3ArtifactStorage } from './S3ArtifactStorage';

const AZURITE =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';

function create(storage: object) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  return createArtifactStorage({
    config: new ConfigReader({ tofui: { storage } }),
    getDatabase: async () => knex,
    defaultLocalBasePath: '/tmp/tofui-default',
  });
}

describe('createArtifactStorage', () => {
  it.each([
    [{}, DatabaseArtifactStorage],
    [{ backend: 'local', local: { basePath: '/tmp/x' } }, LocalArtifactStorage],
    [
      { backend: 'database', database: { maxSizeMb: 5 } },
      DatabaseArtifactStorage,
    ],
    [
      {
        backend: 's3',
        s3: { bucket: 'b', region: 'eu-west-1', sse: 'AES256' },
      },
      S3ArtifactStorage,
    ],
    [
      {
        backend: 'minio',
        minio: {
          endpoint: 'minio:9000',
          bucket: 'b',
          accessKey: 'k',
          secretKey: 's',
        },
      },
      S3ArtifactStorage,
    ],
    [
      {
        backend: 'azure',
        azure: { container: 'c', connectionString: AZURITE },
      },
      AzureArtifactStorage,
    ],
    [
      {
        backend: 'azure',
        azure: { container: 'c', accountName: 'acct', accountKey: 'a2V5' },
      },
      AzureArtifactStorage,
    ],
    [
      {
        backend: 'gcs',
        gcs: {
          bucket: 'b',
          projectId: 'p',
          apiEndpoint: 'http://localhost:4443',
        },
      },
      GcsArtifactStorage,
    ],
  ])('switches backend by config: %j', async (storage, type) => {
    expect(await create(storage)).toBeInstanceOf(type);
  });

  it.each([
    [
      { backend: 'ftp' },
      /tofui.storage.backend: 'ftp' is not a storage backend; use one of local, database, s3, minio, azure, gcs/,
    ],
    [
      { backend: 's3', s3: { region: 'eu-west-1' } },
      /tofui.storage.s3.bucket: required when tofui.storage.backend is s3/,
    ],
    [
      { backend: 'minio', minio: { bucket: 'b' } },
      /tofui.storage.minio.endpoint: required/,
    ],
    [
      { backend: 'azure', azure: { container: 'c', accountName: 'acct' } },
      /tofui.storage.azure: give either connectionString, or accountName and accountKey/,
    ],
    [
      { backend: 'azure', azure: { connectionString: AZURITE } },
      /tofui.storage.azure.container: required/,
    ],
    [{ backend: 'gcs', gcs: {} }, /tofui.storage.gcs.bucket: required/],
    [
      { backend: 'database', database: { maxSizeMb: 0 } },
      /tofui.storage.database.maxSizeMb: must be a positive number/,
    ],
    [
      { backend: 'database', database: { maxSizeMb: 'lots' } },
      /tofui.storage.database.maxSizeMb/,
    ],
    [{ backend: 's3', s3: { bucket: 7 } }, /tofui.storage.s3.bucket/],
  ])('refuses %j naming the key', async (storage, message) => {
    await expect(create(storage)).rejects.toThrow(message);
  });
});
