import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import type { Job, TofuiStore } from '../database/TofuiStore';
import type { JobHandlers } from './jobTypes';

const CLAIM_BATCH = 5;
const LEASE_MS = 10 * 60_000;

/**
 * Works through the durable job queue: every replica polls on the scheduler
 * and is woken right away when it queued work itself. Handlers are looked up
 * by job type; a failing job is retried with backoff by the store.
 */
export class JobRunner {
  private readonly worker = `tofui-${randomUUID()}`;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly store: TofuiStore,
    private readonly handlers: JobHandlers,
    private readonly logger: LoggerService,
  ) {}

  async start(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'tofui-job-runner',
      frequency: { seconds: 15 },
      timeout: { minutes: 15 },
      // Each replica runs its own worker; claiming keeps jobs exclusive.
      scope: 'local',
      fn: () => this.drain(),
    });
  }

  /** Runs due jobs now (coalescing concurrent calls). */
  wake(): void {
    this.drain().catch(error =>
      this.logger.error(`tofUI job runner failed: ${error}`),
    );
  }

  /** Runs due jobs until none is left; resolves when done. */
  async drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (await this.runBatch()) {
            // keep going while there was work
          }
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async runBatch(): Promise<boolean> {
    const jobs = await this.store.jobs.claim(
      this.worker,
      CLAIM_BATCH,
      LEASE_MS,
      new Date(),
    );
    for (const job of jobs) {
      try {
        await this.handle(job);
        await this.store.jobs.complete(job.id);
      } catch (error) {
        this.logger.warn(
          `tofUI job ${job.type} ${job.id} failed (attempt ${job.attempts}/${job.maxAttempts}): ${error}`,
        );
        await this.store.jobs.fail(job, String(error), new Date());
      }
    }
    return jobs.length > 0;
  }

  /** The job's handler, by its type (a type from an older version has none). */
  private handle(job: Job): Promise<void> {
    if (!Object.prototype.hasOwnProperty.call(this.handlers, job.type)) {
      throw new Error(`No handler for job type ${job.type}`);
    }
    const handler = this.handlers[job.type as keyof JobHandlers] as (
      job: Job,
    ) => Promise<void>;
    return handler(job);
  }
}
