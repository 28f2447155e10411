import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { type Config, ConfigReader } from '@backstage/config';
import { readTaskSchedule } from './schedules';

/** Replication verification (`tofui.replication.verify`). */
export interface ReplicationVerifyPolicy {
  enabled: boolean;
  /**
   * The replica's storage config, in the shape of `tofui.storage`, as a
   * root config (`tofui.storage` = the replica) for createArtifactStorage.
   */
  replicaConfig: Config;
  /** The replica's storage backend (local, s3, …), for logs and metrics. */
  replicaBackend: string;
  /** Reports written within this many hours are checked. */
  lookbackHours: number;
  /** At most this many reports (the most recently written) per run. */
  maxReports: number;
  /** Artifacts checked at once. */
  concurrency: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/** `tofui.replication.verify`; undefined when it is not enabled. */
export function readReplicationVerifyPolicy(
  config: Config,
): ReplicationVerifyPolicy | undefined {
  const verify = config.getOptionalConfig('tofui.replication.verify');
  if (!verify?.getOptionalBoolean('enabled')) {
    return undefined;
  }
  const replica = verify.getOptionalConfig('replica');
  if (!replica) {
    throw new Error(
      'tofui.replication.verify.replica is required when replication verification is enabled (the DR storage replica, in the shape of tofui.storage)',
    );
  }
  // The replica names its backend: the primary's default (the database)
  // cannot be a replica.
  const replicaBackend = replica.getOptionalString('backend');
  if (!replicaBackend) {
    throw new Error(
      'tofui.replication.verify.replica.backend is required (the DR storage replica: s3, minio, azure, gcs or local)',
    );
  }
  if (replicaBackend === 'database') {
    throw new Error(
      'tofui.replication.verify.replica.backend cannot be database: artifacts in the database are replicated with it',
    );
  }
  const positive = (key: string, fallback: number, integer = false) => {
    const value = verify.getOptionalNumber(key) ?? fallback;
    if (!(value > 0) || (integer && !Number.isInteger(value))) {
      throw new Error(
        `tofui.replication.verify.${key} must be a positive ${
          integer ? 'whole ' : ''
        }number, not ${value}`,
      );
    }
    return value;
  };
  return {
    enabled: true,
    replicaConfig: new ConfigReader({
      tofui: { storage: replica.get() },
    }),
    replicaBackend,
    lookbackHours: positive('lookbackHours', 24),
    maxReports: positive('maxReports', 10_000, true),
    concurrency: positive('concurrency', 8, true),
    schedule: readTaskSchedule(verify, DEFAULT_SCHEDULE),
  };
}
