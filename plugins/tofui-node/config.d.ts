/*
 * Configuration read by @tofui/backstage-plugin-tofui-node's artifact
 * storage (createArtifactStorage): where the tofUI backend keeps report
 * artifacts, and the DR replica its replication verification checks.
 */
/** Where artifacts are stored: `tofui.storage`, and the DR replica checked by replication verification. */
interface ArtifactStorageConfig {
  /**
   * Storage backend. Default: database (the plugin's own database: no
   * configuration, kept across restarts, shared by replicas; artifacts up to
   * `database.maxSizeMb`). A backend module can add others
   * through the tofui storage extension point.
   */
  backend?: 'local' | 'database' | 's3' | 'minio' | 'azure' | 'gcs' | string;
  local?: {
    /**
     * Directory for artifacts. Default: a directory under the OS temp
     * directory (not persistent; set this in any real installation).
     */
    basePath?: string;
  };
  database?: {
    /** Largest artifact kept in the database, in MB. Default: 10. */
    maxSizeMb?: number;
  };
  s3?: {
    bucket: string;
    region?: string;
    /** An S3-compatible endpoint. */
    endpoint?: string;
    forcePathStyle?: boolean;
    /**
     * Without keys, the AWS default credential chain is used (env, instance or pod role).
     * @visibility secret
     */
    accessKeyId?: string;
    /** @visibility secret */
    secretAccessKey?: string;
    /** Server-side encryption: AES256 or aws:kms. */
    sse?: string;
    /** Key prefix inside the bucket. */
    prefix?: string;
  };
  minio?: {
    /** Required, e.g. minio.tofui.svc:9000 or https://minio.example.com. */
    endpoint: string;
    bucket: string;
    /** Use https when the endpoint has no scheme. Default: true. */
    secure?: boolean;
    /** @visibility secret */
    accessKey?: string;
    /** @visibility secret */
    secretKey?: string;
    region?: string;
    sse?: string;
    prefix?: string;
  };
  azure?: {
    container: string;
    accountName?: string;
    /** @visibility secret */
    accountKey?: string;
    /** @visibility secret */
    connectionString?: string;
    /** Default https://{accountName}.blob.core.windows.net */
    endpoint?: string;
  };
  gcs?: {
    bucket: string;
    projectId?: string;
    /**
     * A service account key file; without it, Application Default Credentials.
     * @visibility secret
     */
    credentialsFile?: string;
    /** Another endpoint, e.g. an emulator. */
    apiEndpoint?: string;
  };
}

export interface Config {
  tofui?: {
    /**
     * Where report artifacts (HTML, redacted plan JSON, logs) are stored.
     * Credentials belong in the environment: `accessKeyId: ${AWS_ACCESS_KEY_ID}`.
     */
    storage?: ArtifactStorageConfig;
    replication?: {
      verify?: {
        /**
         * The DR storage replica, in the shape of `tofui.storage` (see there),
         * e.g. `{ backend: s3, s3: { bucket: tofui-dr, region: us-west-2 } }`.
         * Required when enabled.
         */
        replica?: ArtifactStorageConfig;
      };
    };
  };
}
