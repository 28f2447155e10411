import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { Job, JobStore } from '../TofuiStore';
import { inTransaction, isPostgres } from './ensure';
import { parseJson } from './rows';

const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 30 * 60_000;

interface JobRow {
  id: string;
  type: string;
  payload: string | Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    type: row.type,
    payload: parseJson<Record<string, unknown>>(row.payload),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  };
}

/**
 * The durable job queue. A job row is written in the same transaction as the
 * change that needs it, so a crash never loses work; workers on any replica
 * claim jobs with `FOR UPDATE SKIP LOCKED` (Postgres) and a lease, so a job
 * whose worker died is picked up again when its lease ends.
 */
export class KnexJobStore implements JobStore {
  constructor(private readonly db: Knex) {}

  async enqueue(
    job: {
      type: string;
      payload: Record<string, unknown>;
      dedupeKey?: string;
      maxAttempts?: number;
      runAfter?: Date;
    },
    now: Date,
  ): Promise<void> {
    const insert = this.db('jobs').insert({
      id: randomUUID(),
      type: job.type,
      payload: JSON.stringify(job.payload),
      status: 'pending',
      attempts: 0,
      max_attempts: job.maxAttempts ?? 5,
      dedupe_key: job.dedupeKey ?? null,
      run_after: job.runAfter ?? now,
      created_at: now,
      updated_at: now,
    });
    if (job.dedupeKey) {
      insert.onConflict('dedupe_key').ignore();
    }
    await insert;
  }

  async cancel(dedupeKey: string): Promise<boolean> {
    const removed = await this.db('jobs')
      .where({ dedupe_key: dedupeKey, status: 'pending' })
      .delete();
    return removed > 0;
  }

  async claim(
    worker: string,
    limit: number,
    lockMs: number,
    now: Date,
  ): Promise<Job[]> {
    return inTransaction(this.db, async tx => {
      const due = tx('jobs')
        .select('id')
        .where(q =>
          q
            .where(q2 =>
              q2.where('status', 'pending').andWhere('run_after', '<=', now),
            )
            .orWhere(q2 =>
              q2.where('status', 'running').andWhere('locked_until', '<', now),
            ),
        )
        .orderBy('run_after')
        .limit(limit);
      if (isPostgres(tx)) {
        due.forUpdate().skipLocked();
      }
      const ids = (await due).map(r => r.id as string);
      if (ids.length === 0) {
        return [];
      }
      await tx('jobs')
        .whereIn('id', ids)
        .update({
          status: 'running',
          // A change arriving while this job runs queues a fresh one.
          dedupe_key: null,
          locked_by: worker,
          locked_until: new Date(now.getTime() + lockMs),
          attempts: tx.raw('attempts + 1'),
          updated_at: now,
        });
      const rows: JobRow[] = await tx('jobs')
        .whereIn('id', ids)
        .select('id', 'type', 'payload', 'attempts', 'max_attempts');
      return rows.map(toJob);
    });
  }

  async complete(id: string): Promise<void> {
    await this.db('jobs').where({ id }).delete();
  }

  async fail(job: Job, error: string, now: Date): Promise<void> {
    if (job.attempts >= job.maxAttempts) {
      await this.db('jobs')
        .where({ id: job.id })
        .update({
          status: 'failed',
          dedupe_key: null,
          locked_until: null,
          locked_by: null,
          last_error: error.slice(0, 4000),
          updated_at: now,
        });
      return;
    }
    const delay = Math.min(
      BACKOFF_BASE_MS * 2 ** (job.attempts - 1),
      BACKOFF_MAX_MS,
    );
    await this.db('jobs')
      .where({ id: job.id })
      .update({
        status: 'pending',
        run_after: new Date(now.getTime() + delay),
        locked_until: null,
        locked_by: null,
        last_error: error.slice(0, 4000),
        updated_at: now,
      });
  }

  async countPending(): Promise<number> {
    const [{ n }] = await this.db('jobs')
      .whereIn('status', ['pending', 'running'])
      .count({ n: '*' });
    return Number(n);
  }
}
