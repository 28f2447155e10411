import { ServiceUnavailableError } from '@backstage/errors';

/** After the I/O that is ready now has been handled (Node), or next task. */
const afterPendingIo: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? fn => globalThis.setImmediate(fn)
    : fn => setTimeout(fn, 0);

/**
 * `promise`, or a ServiceUnavailableError after `ms`. The operation itself is
 * not cancelled (the clients used here cannot cancel); the caller just stops
 * waiting for it. Bounds every wait of tofUI's backend on a cache or store
 * that may hang instead of failing (Redis during an outage).
 *
 * A deadline counts only once the answers already received are read: on a
 * busy event loop Node runs due timers before it reads sockets, so a reply
 * that arrived in time would otherwise lose to its own timeout, and a
 * replica short of CPU would take a healthy Redis for a dead one.
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
          afterPendingIo(() =>
            reject(
              new ServiceUnavailableError(
                `${what} did not answer within ${ms} ms`,
              ),
            ),
          ),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}
