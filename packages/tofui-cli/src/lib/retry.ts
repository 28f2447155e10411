import { CliError, ExitCode } from './exitCodes';

/** How failed requests are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (0: no retries). */
  retries: number;
  /** First backoff; it doubles per retry, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After the CLI agrees to wait. */
  maxRetryAfterMs: number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1); injectable so that tests know the delays. */
  random(): number;
  now(): number;
  log(line: string): void;
}

export const DEFAULT_RETRIES = 4;

/** The default policy (5 attempts, 500 ms doubling to 10 s), with overrides. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    retries: DEFAULT_RETRIES,
    baseDelayMs: 500,
    maxDelayMs: 10_000,
    maxRetryAfterMs: 60_000,
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
    log: line => process.stderr.write(`${line}\n`),
    ...overrides,
  };
}

/** Retries from `--retries`, else TOFUI_RETRIES, else the default. */
export function retriesFrom(flag: string | undefined, env = process.env) {
  const [name, value] =
    flag !== undefined
      ? ['--retries', flag]
      : ['TOFUI_RETRIES', env.TOFUI_RETRIES?.trim() || undefined];
  if (value === undefined) {
    return DEFAULT_RETRIES;
  }
  if (!/^\d{1,2}$/.test(value)) {
    throw new CliError(
      `${name} must be a whole number of retries from 0 to 99, got '${value}'`,
      ExitCode.Usage,
    );
  }
  return Number(value);
}

// Connection-level failures worth another try. ENOTFOUND is left out on
// purpose: a misspelt --server host will not start resolving.
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

type ErrorLike = { name?: string; message?: string; code?: string };

/** The network error code behind a failed fetch, if any. */
export function networkErrorCode(error: unknown): string | undefined {
  const e = error as ErrorLike & { cause?: ErrorLike };
  return e?.code ?? e?.cause?.code;
}

/** Why a fetch failed, in a word: its code, else its cause's message. */
export function networkErrorReason(error: unknown): string {
  const e = error as ErrorLike & { cause?: ErrorLike };
  return (
    networkErrorCode(error) ?? e?.cause?.message ?? String(e?.message ?? e)
  );
}

/** Whether a fetch that threw (no response at all) is worth retrying. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof CliError) {
    return false;
  }
  const e = error as ErrorLike;
  if (e?.name === 'TimeoutError') {
    return true;
  }
  const code = networkErrorCode(error);
  if (code) {
    return TRANSIENT_CODES.has(code);
  }
  // undici rejects with TypeError('fetch failed') for network failures; by
  // name, as it comes from another realm under Jest
  return e?.name === 'TypeError' && e.message === 'fetch failed';
}

/** Whether a response is worth retrying: 429 and 5xx. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After (seconds or an HTTP-date) in milliseconds, if it parses. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number,
): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  // an HTTP-date has a day and month name; Date.parse alone reads '-1' too
  const date = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half fixed, half random. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** (retry - 1),
  );
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/**
 * Sends a request until it gets a response that is not transient, or the
 * retries run out; then returns that last response (the caller decides what
 * an error status means) or throws the last network error. `send` is called
 * once per attempt and must build a fresh request body each time.
 */
export async function fetchWithRetry(
  send: () => Promise<Response>,
  policy: RetryPolicy,
): Promise<Response> {
  const attempts = policy.retries + 1;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (attempt >= attempts || !isTransientError(error)) {
        throw error;
      }
      const delay = backoffDelay(attempt, policy);
      await wait(
        `cannot reach the server (${networkErrorReason(error)})`,
        delay,
        attempt,
      );
      continue;
    }
    if (attempt >= attempts || !isTransientStatus(response.status)) {
      return response;
    }
    // free the connection; the body of a failed attempt is not needed
    await response.body?.cancel().catch(() => undefined);
    const retryAfter = parseRetryAfter(
      response.headers.get('retry-after'),
      policy.now(),
    );
    const delay =
      retryAfter !== undefined
        ? Math.min(retryAfter, policy.maxRetryAfterMs)
        : backoffDelay(attempt, policy);
    await wait(`server answered ${response.status}`, delay, attempt);
  }

  async function wait(what: string, delay: number, attempt: number) {
    policy.log(
      `tofui: ${what}, retrying in ${(delay / 1000).toFixed(1)} s (attempt ${
        attempt + 1
      }/${attempts})`,
    );
    await policy.sleep(delay);
  }
}
