import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readTaskSchedule } from './schedules';

/** What retention keeps, and when it runs (`tofui.retention`). */
export interface RetentionPolicy {
  enabled: boolean;
  /** Reports kept per folder and report type (the seed's policy: 30). */
  keepPerFolderAndType: number;
  /** Also archive reports older than this many days (never a folder's latest). */
  maxAgeDays?: number;
  /** Count and log what would be archived, change nothing. */
  dryRun: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 1 },
};

export function readRetentionPolicy(config: Config): RetentionPolicy {
  const retention = config.getOptionalConfig('tofui.retention');
  const keep = retention?.getOptionalNumber('keepPerFolderAndType') ?? 30;
  if (!Number.isInteger(keep) || keep < 1) {
    throw new Error(
      `tofui.retention.keepPerFolderAndType must be a whole number ≥ 1, not ${keep}`,
    );
  }
  const maxAgeDays = retention?.getOptionalNumber('maxAgeDays');
  if (maxAgeDays !== undefined && !(maxAgeDays > 0)) {
    throw new Error(
      `tofui.retention.maxAgeDays must be positive, not ${maxAgeDays}`,
    );
  }
  return {
    enabled: retention?.getOptionalBoolean('enabled') ?? true,
    keepPerFolderAndType: keep,
    maxAgeDays,
    dryRun: retention?.getOptionalBoolean('dryRun') ?? false,
    schedule: readTaskSchedule(retention, DEFAULT_SCHEDULE),
  };
}
