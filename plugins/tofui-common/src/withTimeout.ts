import { ServiceUnavailableError } from '@backstage/errors';

/**
 * `promise`, or a ServiceUnavailableError after `ms`. The operation itself is
 * not cancelled (the clients used here cannot cancel); the caller just stops
 * waiting for it. Bounds every wait of tofUI's backend on a cache or store
 * that may hang instead of failing (Redis during an outage).
 *
 * @public
 */
export function withTimeout<T>(
  promise: Promise<T> | T,
  ms: number,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    Promise.resolve(promise),
    new Promise<T>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableError(
              `${what} did not answer within ${ms} ms`,
            ),
          ),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}
