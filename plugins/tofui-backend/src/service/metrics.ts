import type {
  MetricsService,
  MetricsServiceCounter,
  MetricsServiceHistogram,
} from '@backstage/backend-plugin-api/alpha';
import type { Report } from '@tofui/backstage-plugin-tofui-common';
import type { ArtifactStorage } from '@tofui/backstage-plugin-tofui-node';
import type { RequestHandler } from 'express';
import type { CacheMetrics } from './ResponseCache';

// Seconds. The SDK's default buckets are meant for milliseconds (0 … 10000).
const PUBLISH_BUCKETS = [
  0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];
const RENDER_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Failures of the request, not of the storage: a missing object, a bad key, a too large upload. */
const CALLER_ERRORS = new Set([
  'NotFoundError',
  'InputError',
  'ArtifactTooLargeError',
]);

/** What one retention run did (or, with dryRun, would have done). */
export interface RetentionRun {
  archived: number;
  deleted: number;
  dryRun: boolean;
}

/** What one replication verification found (ReplicationVerifier). */
export interface ReplicationFigures {
  missing: number;
  oldestMissingAgeSeconds: number;
  /** Artifacts that could not be checked. */
  errors: number;
}

/**
 * tofUI's own metrics, through Backstage's metrics service (OpenTelemetry;
 * the host backend's instrumentation exports them to Prometheus). Without a
 * configured OpenTelemetry SDK they cost next to nothing.
 */
export class TofuiMetrics implements CacheMetrics {
  private readonly published: MetricsServiceCounter;
  private readonly publishDuration: MetricsServiceHistogram;
  private readonly renderDuration: MetricsServiceHistogram;
  private readonly storageErrors: MetricsServiceCounter;
  private readonly cacheHits: MetricsServiceCounter;
  private readonly cacheMisses: MetricsServiceCounter;
  private readonly retention: MetricsServiceCounter;
  private readonly replicationChecks: MetricsServiceCounter;
  /** The last replication verification's figures (none before the first). */
  private replication?: ReplicationFigures;

  constructor(
    metrics: MetricsService,
    /** Jobs waiting or running in the durable queue (shared by all replicas). */
    countPendingJobs: () => Promise<number>,
  ) {
    this.published = metrics.createCounter('tofui_reports_published_total', {
      description:
        'Reports published (created or republished), by report type and verdict',
    });
    this.publishDuration = metrics.createHistogram(
      'tofui_publish_duration_seconds',
      {
        description:
          'Time to answer POST /v1/reports, upload included, by outcome (success: 2xx)',
        unit: 's',
        advice: { explicitBucketBoundaries: PUBLISH_BUCKETS },
      },
    );
    this.renderDuration = metrics.createHistogram(
      'tofui_render_duration_seconds',
      {
        description: 'Time to render a report from its plan, by outcome',
        unit: 's',
        advice: { explicitBucketBoundaries: RENDER_BUCKETS },
      },
    );
    this.storageErrors = metrics.createCounter('tofui_storage_errors_total', {
      description: 'Failed artifact storage operations, by storage backend',
    });
    this.cacheHits = metrics.createCounter('tofui_cache_hits_total', {
      description: 'Summary and list responses served from the cache',
    });
    this.cacheMisses = metrics.createCounter('tofui_cache_misses_total', {
      description:
        'Summary and list responses loaded from the database (including while the cache is unavailable)',
    });
    this.retention = metrics.createCounter('tofui_retention_reports_total', {
      description:
        'Reports archived or deleted by retention, by action (dry_run: only counted)',
    });
    this.replicationChecks = metrics.createCounter(
      'tofui_replication_checks_total',
      {
        description:
          'Replication verifications of the DR storage replica, by result (ok, missing, failed)',
      },
    );
    metrics
      .createObservableGauge('tofui_replication_missing_artifacts', {
        description:
          'Artifacts of recently written reports missing from the DR storage replica, at the last verification',
      })
      .addCallback(result => {
        if (this.replication) result.observe(this.replication.missing);
      });
    metrics
      .createObservableGauge('tofui_replication_oldest_missing_age_seconds', {
        description:
          'Seconds since the report of the oldest artifact missing from the DR storage replica was written (0: none missing), at the last verification',
        unit: 's',
      })
      .addCallback(result => {
        if (this.replication) {
          result.observe(this.replication.oldestMissingAgeSeconds);
        }
      });
    metrics
      .createObservableGauge('tofui_render_queue_depth', {
        description:
          'Background jobs (renders, verdict recomputations) waiting or running; the same on every replica',
      })
      .addCallback(async result => {
        try {
          result.observe(await countPendingJobs());
        } catch {
          // Database down: no value this scrape; the health check reports it.
        }
      });
  }

  /** Counts a published report (called once its row is written). */
  reportPublished(report: Pick<Report, 'reportType' | 'overallStatus'>): void {
    this.published.add(1, {
      type: report.reportType,
      overall_status: report.overallStatus,
    });
  }

  /** Times POST /v1/reports; mount before the API router. */
  publishTimer(): RequestHandler {
    return (req, res, next) => {
      if (req.method === 'POST' && req.path === '/v1/reports') {
        const started = process.hrtime.bigint();
        res.once('finish', () => {
          this.publishDuration.record(secondsSince(started), {
            outcome: res.statusCode < 300 ? 'success' : 'error',
          });
        });
      }
      next();
    };
  }

  /** Runs a render job, recording how long it took. */
  async timeRender(render: () => Promise<void>): Promise<void> {
    const started = process.hrtime.bigint();
    let outcome = 'failure';
    try {
      await render();
      outcome = 'success';
    } finally {
      this.renderDuration.record(secondsSince(started), { outcome });
    }
  }

  cacheLookup(hit: boolean): void {
    (hit ? this.cacheHits : this.cacheMisses).add(1);
  }

  /** Called by the retention job after each run. */
  recordRetention({ archived, deleted, dryRun }: RetentionRun): void {
    const dry_run = String(dryRun);
    this.retention.add(archived, { action: 'archived', dry_run });
    this.retention.add(deleted, { action: 'deleted', dry_run });
  }

  /**
   * Called by the replication verifier after each run; undefined: the run
   * failed (the gauges keep the last figures).
   */
  recordReplicationCheck(figures: ReplicationFigures | undefined): void {
    if (!figures) {
      this.replicationChecks.add(1, { result: 'failed' });
      return;
    }
    this.replication = figures;
    let result = 'ok';
    if (figures.errors > 0) result = 'failed';
    else if (figures.missing > 0) result = 'missing';
    this.replicationChecks.add(1, { result });
  }

  /** The same storage, counting the failures that are the storage's. */
  countStorageErrors(
    storage: ArtifactStorage,
    backend: string,
  ): ArtifactStorage {
    const counted = <T>(operation: Promise<T>): Promise<T> =>
      operation.catch(error => {
        if (!CALLER_ERRORS.has((error as Error)?.name)) {
          this.storageErrors.add(1, { backend });
        }
        throw error;
      });
    return {
      upload: (key, content, contentType) =>
        counted(storage.upload(key, content, contentType)),
      download: key => counted(storage.download(key)),
      delete: key => counted(storage.delete(key)),
      exists: key => counted(storage.exists(key)),
      list: prefix => counted(storage.list(prefix)),
      ping: () => counted(storage.ping()),
    };
  }
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
