import { type Config, ConfigReader } from '@backstage/config';
import { AzureArtifactStorage } from './AzureArtifactStorage';
import { DatabaseArtifactStorage } from './DatabaseArtifactStorage';
import { GcsArtifactStorage } from './GcsArtifactStorage';
import { LocalArtifactStorage } from './LocalArtifactStorage';
import { S3ArtifactStorage } from './S3ArtifactStorage';
import type { ArtifactStorage, ArtifactStorageFactory } from './types';

function invalid(key: string, message: string): Error {
  return new Error(`Invalid config at tofui.storage.${key}: ${message}`);
}

function required(config: Config, section: string, key: string): string {
  const value = config.getOptionalString(key);
  if (!value) {
    throw invalid(
      `${section}.${key}`,
      `required when tofui.storage.backend is ${section}`,
    );
  }
  return value;
}

/**
 * The storage used when `tofui.storage.backend` is not set: the plugin's own
 * database, which every installation has, keeps artifacts across restarts
 * and shares them between replicas, with no configuration (up to
 * `database.maxSizeMb` each). Object storage is for larger installations.
 *
 * @public
 */
export const DEFAULT_STORAGE_BACKEND = 'database';

/** The adapters that ship with tofUI, by `tofui.storage.backend` value. */
export function builtInStorageBackends(options: {
  defaultLocalBasePath: string;
}): Record<string, ArtifactStorageFactory> {
  return {
    local: ({ config }) =>
      new LocalArtifactStorage({
        basePath:
          config.getOptionalString('basePath') ?? options.defaultLocalBasePath,
      }),
    database: async ({ config, getDatabase }) => {
      const maxSizeMb = config.getOptionalNumber('maxSizeMb') ?? 10;
      if (!(maxSizeMb > 0)) {
        throw invalid(
          'database.maxSizeMb',
          'must be a positive number of megabytes',
        );
      }
      return DatabaseArtifactStorage.create({
        knex: await getDatabase(),
        maxSizeMb,
      });
    },
    s3: ({ config }) =>
      new S3ArtifactStorage({
        bucket: required(config, 's3', 'bucket'),
        region: config.getOptionalString('region'),
        endpoint: config.getOptionalString('endpoint'),
        forcePathStyle: config.getOptionalBoolean('forcePathStyle'),
        accessKeyId: config.getOptionalString('accessKeyId'),
        secretAccessKey: config.getOptionalString('secretAccessKey'),
        sse: config.getOptionalString('sse'),
        prefix: config.getOptionalString('prefix'),
      }),
    // MinIO speaks S3; its endpoint is required and paths are always used.
    minio: ({ config }) => {
      const endpoint = required(config, 'minio', 'endpoint');
      const secure = config.getOptionalBoolean('secure') ?? true;
      return new S3ArtifactStorage({
        bucket: required(config, 'minio', 'bucket'),
        endpoint: /^https?:\/\//.test(endpoint)
          ? endpoint
          : `${secure ? 'https' : 'http'}://${endpoint}`,
        region: config.getOptionalString('region'),
        forcePathStyle: true,
        accessKeyId:
          config.getOptionalString('accessKey') ??
          config.getOptionalString('accessKeyId'),
        secretAccessKey:
          config.getOptionalString('secretKey') ??
          config.getOptionalString('secretAccessKey'),
        sse: config.getOptionalString('sse'),
        prefix: config.getOptionalString('prefix'),
      });
    },
    azure: ({ config }) => {
      const connectionString = config.getOptionalString('connectionString');
      const accountName = config.getOptionalString('accountName');
      const accountKey = config.getOptionalString('accountKey');
      if (!connectionString && !(accountName && accountKey)) {
        throw invalid(
          'azure',
          'give either connectionString, or accountName and accountKey',
        );
      }
      return new AzureArtifactStorage({
        container: required(config, 'azure', 'container'),
        connectionString,
        accountName,
        accountKey,
        endpoint: config.getOptionalString('endpoint'),
      });
    },
    gcs: ({ config }) =>
      new GcsArtifactStorage({
        bucket: required(config, 'gcs', 'bucket'),
        projectId: config.getOptionalString('projectId'),
        credentialsFile: config.getOptionalString('credentialsFile'),
        apiEndpoint: config.getOptionalString('apiEndpoint'),
      }),
  };
}

/**
 * Creates the storage chosen by `tofui.storage.backend` (default
 * {@link DEFAULT_STORAGE_BACKEND}),
 * from the built-in adapters and those added through the storage extension
 * point. A misconfiguration fails with a message naming the config key.
 *
 * @public
 */
export async function createArtifactStorage(options: {
  /** The root config. */
  config: Config;
  getDatabase: () => Promise<import('knex').Knex>;
  defaultLocalBasePath: string;
  /** Adapters added by backend modules, by backend name. */
  extraBackends?: ReadonlyMap<string, ArtifactStorageFactory>;
}): Promise<ArtifactStorage> {
  const backends = new Map<string, ArtifactStorageFactory>(
    Object.entries(builtInStorageBackends(options)),
  );
  for (const [name, factory] of options.extraBackends ?? []) {
    backends.set(name, factory);
  }
  const storage = options.config.getOptionalConfig('tofui.storage');
  const backend =
    storage?.getOptionalString('backend') ?? DEFAULT_STORAGE_BACKEND;
  const factory = backends.get(backend);
  if (!factory) {
    throw invalid(
      'backend',
      `'${backend}' is not a storage backend; use one of ${[
        ...backends.keys(),
      ].join(', ')}`,
    );
  }
  const section =
    storage?.getOptionalConfig(backend) ??
    new ConfigReader({}, `tofui.storage.${backend}`);
  return factory({ config: section, getDatabase: options.getDatabase });
}
