import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { ArtifactStorage } from '@tofui/backstage-plugin-tofui-node';
import type { TofuiStore } from '../database/TofuiStore';

export const REPLICATION_VERIFY_TASK = 'tofui-replication-verify';

/** Missing keys named in the log, at most. */
const LOGGED_KEYS = 5;
const HOUR_MS = 60 * 60 * 1000;

/** What one verification found. */
export interface ReplicationCheck {
  /** Reports checked (written within the lookback window). */
  reports: number;
  /** Their artifacts (keys) checked. */
  artifacts: number;
  /** Artifacts the replica does not have. */
  missing: number;
  /**
   * Seconds since the report of the oldest missing artifact was written
   * (published, republished, rendered); 0 when nothing is missing.
   */
  oldestMissingAgeSeconds: number;
  /** Artifacts that could not be checked (the replica failed to answer). */
  errors: number;
  /** The first missing keys, oldest write first. */
  missingKeys: string[];
  /** More reports were in the window than `maxReports`: the oldest were not checked. */
  truncated: boolean;
}

export interface ReplicationVerifierOptions {
  /** Reports written within this many hours are checked. */
  lookbackHours: number;
  /** At most this many reports (the most recently written) per run. */
  maxReports: number;
  /** Artifacts checked at once. Default: 8. */
  concurrency?: number;
  /** The replica's storage backend, for the log. Default: replica. */
  replicaName?: string;
}

/**
 * Replication verification (the seed's "cross-region replication
 * verification"): checks that every artifact of the reports written
 * recently exists in the DR region's storage replica, which the object
 * store's own replication (S3 CRR, MinIO site replication, …) fills. It
 * reports how many are missing and how long the oldest has been missing,
 * i.e. how far replication is behind (see docs/operations.md). It checks
 * that keys exist, not their content.
 */
export class ReplicationVerifier {
  private readonly concurrency: number;

  constructor(
    private readonly store: TofuiStore,
    private readonly replica: ArtifactStorage,
    private readonly logger: LoggerService,
    private readonly options: ReplicationVerifierOptions,
    /** Called with every run's result, or with undefined when a run failed (metrics). */
    private readonly onResult: (
      result: ReplicationCheck | undefined,
    ) => void = () => {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 8);
  }

  /**
   * Runs on every replica of the backend (scope local): each exports its own
   * fresh figures, so `max()` over replicas is the current state.
   */
  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: REPLICATION_VERIFY_TASK,
      scope: 'local',
      ...schedule,
      fn: async () => {
        try {
          await this.run();
        } catch (error) {
          this.onResult(undefined);
          this.logger.warn(`tofUI replication verification failed: ${error}`);
        }
      },
    });
  }

  async run(now = new Date()): Promise<ReplicationCheck> {
    const { lookbackHours, maxReports } = this.options;
    const since = new Date(now.getTime() - lookbackHours * HOUR_MS);
    const reports = await this.store.reports.listRecentArtifacts(
      since,
      maxReports,
    );
    const checks = reports.flatMap(report =>
      Object.values(report.artifacts)
        .filter(artifact => !!artifact)
        .map(artifact => ({ key: artifact!.key, writtenAt: report.updatedAt })),
    );
    const missing: typeof checks = [];
    let errors = 0;
    let firstError: unknown;
    let next = 0;
    const worker = async () => {
      while (next < checks.length) {
        const check = checks[next++];
        try {
          if (!(await this.replica.exists(check.key))) {
            missing.push(check);
          }
        } catch (error) {
          errors += 1;
          firstError ??= error;
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.concurrency, checks.length) }, worker),
    );
    missing.sort((a, b) => a.writtenAt.getTime() - b.writtenAt.getTime());
    const result: ReplicationCheck = {
      reports: reports.length,
      artifacts: checks.length,
      missing: missing.length,
      oldestMissingAgeSeconds: missing.length
        ? Math.max(0, (now.getTime() - missing[0].writtenAt.getTime()) / 1000)
        : 0,
      errors,
      missingKeys: missing.slice(0, LOGGED_KEYS).map(m => m.key),
      truncated: reports.length >= maxReports,
    };
    this.log(result, firstError);
    this.onResult(result);
    return result;
  }

  private log(result: ReplicationCheck, firstError: unknown) {
    const replica = this.options.replicaName ?? 'replica';
    const window = `reports written in the last ${
      this.options.lookbackHours
    } h${result.truncated ? ` (the newest ${this.options.maxReports})` : ''}`;
    if (result.errors > 0) {
      this.logger.warn(
        `tofUI replication verification: ${result.errors} of ${result.artifacts} artifacts could not be checked in the ${replica} replica: ${firstError}`,
      );
    }
    if (result.missing > 0) {
      this.logger.warn(
        `tofUI replication verification: ${result.missing} of ${
          result.artifacts
        } artifacts of ${window} are missing from the ${replica} replica, the oldest written ${Math.round(
          result.oldestMissingAgeSeconds,
        )} s ago: ${result.missingKeys.join(', ')}${
          result.missing > result.missingKeys.length ? ', …' : ''
        }`,
      );
    } else if (result.errors === 0) {
      this.logger.info(
        `tofUI replication verification: all ${result.artifacts} artifacts of ${window} are in the ${replica} replica`,
      );
    }
  }
}
