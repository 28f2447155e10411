import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/**
 * A job's `schedule` (Backstage task schedule format) under `config`, or
 * `fallback` when it has none.
 */
export function readTaskSchedule(
  config: Config | undefined,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config?.getOptionalConfig('schedule');
  return schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : fallback;
}

/** `tofui.catalogSync.schedule`: every 2 minutes, first run soon after start-up. */
export function readCatalogSyncSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  return readTaskSchedule(config.getOptionalConfig('tofui.catalogSync'), {
    frequency: { minutes: 2 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
  });
}
