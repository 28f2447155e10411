import type { Job } from '../database/TofuiStore';

/**
 * The durable queue's job types and what each carries: whoever enqueues
 * builds jobs with the functions below, and the runner takes one handler
 * per type ({@link JobHandlers}), so a new type cannot be queued without a
 * handler.
 */
export interface JobPayloads {
  /** Render the HTML report of a report that has a plan and no HTML. */
  'render-report': { reportId: string };
  /** Re-derive the verdicts of reports using a status type that changed. */
  'recompute-verdicts': { statusTypeKey: string };
  /**
   * Write the change index rows of a report from its stored plan or log;
   * with `sourceSha256`, the fallback of a write after publish, for that
   * plan only (a later publish's own job indexes another).
   */
  'index-changes': { reportId: string; sourceSha256?: string };
}

export type JobType = keyof JobPayloads;

/** A job as it goes into the queue. */
export interface NewJob<T extends JobType = JobType> {
  type: T;
  payload: JobPayloads[T];
  /** Nothing is queued while a job with this key waits. */
  dedupeKey?: string;
  /** Not before this time (default now). */
  runAfter?: Date;
}

/** A claimed job of type `T`. */
export type ClaimedJob<T extends JobType> = Omit<Job, 'payload'> & {
  type: T;
  payload: JobPayloads[T];
};

/** One handler per job type; a handler that throws has the job retried. */
export type JobHandlers = {
  [T in JobType]: (job: ClaimedJob<T>) => Promise<void>;
};

/** Renders a report's HTML; one queued render per report. */
export function renderReportJob(reportId: string): NewJob<'render-report'> {
  return {
    type: 'render-report',
    payload: { reportId },
    // a publish during a render queues another
    dedupeKey: `render:${reportId}`,
  };
}

/**
 * Indexes a report's resource changes; one queued per report. With
 * `fallback`, the job of one plan (one per plan), due at `runAfter`: the
 * publish writes the rows itself meanwhile and cancels it.
 */
export function indexChangesJob(
  reportId: string,
  fallback?: { sourceSha256: string; runAfter: Date },
): NewJob<'index-changes'> {
  if (fallback) {
    return {
      type: 'index-changes',
      payload: { reportId, sourceSha256: fallback.sourceSha256 },
      dedupeKey: `index-changes:${reportId}:${fallback.sourceSha256}`,
      runAfter: fallback.runAfter,
    };
  }
  return {
    type: 'index-changes',
    payload: { reportId },
    dedupeKey: `index-changes:${reportId}`,
  };
}

/**
 * Recomputes the verdicts using a status type now, and once more when
 * every replica's cached status types have expired (`cacheMs` from `now`):
 * reports published meanwhile used the old definition.
 */
export function recomputeVerdictsJobs(
  statusTypeKey: string,
  now: Date,
  cacheMs: number,
): Array<NewJob<'recompute-verdicts'>> {
  const type = 'recompute-verdicts';
  const payload = { statusTypeKey };
  return [
    { type, payload, dedupeKey: `${type}:${statusTypeKey}` },
    {
      type,
      payload,
      dedupeKey: `${type}:${statusTypeKey}:after-caches`,
      runAfter: new Date(now.getTime() + 2 * cacheMs),
    },
  ];
}
