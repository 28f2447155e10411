import { ServiceUnavailableError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';

/** Seconds a client should wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = 5;

// Node socket errors, and Postgres SQLSTATEs for a server that is gone,
// shutting down or not accepting connections yet (class 08, 57P01–57P03).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);

/** Whether an error means the database could not be reached (not a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string };
  if (!e) return false;
  if (e.name === 'KnexTimeoutError') return true; // no connection from the pool
  if (e.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) {
    return true;
  }
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

/**
 * Answers 503 with Retry-After when the database is unreachable, instead of
 * a 500: nothing was written (each write is one transaction), and a client
 * that retries — the CLI does, idempotently — succeeds once it is back.
 */
export const databaseUnavailable: ErrorRequestHandler = (
  error,
  _req,
  res,
  next,
) => {
  if (isDatabaseUnavailable(error)) {
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    next(
      new ServiceUnavailableError(
        'The tofUI database is unavailable; nothing was changed, retry later',
        error,
      ),
    );
    return;
  }
  next(error);
};
