import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { HeavyWorkMetrics } from './HeavyWork';

// Seconds: a task process's start is ~0.2 s, a 50,000-resource plan ~5 s.
const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * HeavyWork's metrics through Backstage's metrics service (OpenTelemetry),
 * per replica: tasks waiting for a turn, how long tasks took, and the
 * tasks refused (queue full, over the memory budget).
 */
export function createHeavyWorkMetrics(
  metrics: MetricsService,
): HeavyWorkMetrics {
  const duration = metrics.createHistogram(
    'tofui_processing_duration_seconds',
    {
      description:
        'Heavy tasks run in child processes (plan processing, log masking, rendering), by task and outcome (success, failure, over_budget)',
      unit: 's',
      advice: { explicitBucketBoundaries: BUCKETS },
    },
  );
  const refusals = metrics.createCounter('tofui_processing_refusals_total', {
    description:
      'Heavy tasks refused before running, by task and reason (queue_full: 503; over_budget: 413 or a failed render)',
  });
  const depth = metrics.createObservableGauge('tofui_processing_queue_depth', {
    description:
      'Heavy tasks waiting for a turn on this replica (tofui.processing.concurrency run at once)',
  });
  return {
    heavyTaskDone: (task, outcome, seconds) =>
      duration.record(seconds, { task, outcome }),
    heavyTaskRefused: (task, reason) => refusals.add(1, { task, reason }),
    observeQueueDepth: read =>
      depth.addCallback(result => result.observe(read())),
  };
}
