import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { TOFUI_REPORTS_CHANNEL } from '@tofui/backstage-plugin-tofui-common';

/** At most one signal per this interval, however many writes (CI bursts). */
const MIN_INTERVAL_MS = 1000;

/**
 * Tells open tofUI pages that reports changed, so they refetch what they
 * show. Bursts are coalesced into one signal per second (the last write is
 * always signalled), and the message names nothing: who may see which
 * repository is decided when the page refetches, not here.
 */
export class ReportSignals {
  private lastSent = 0;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly signals: SignalsService,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reports were written (published, updated, deleted or rendered). */
  changed(): void {
    if (this.pending) {
      return; // a signal is already on its way
    }
    const wait = Math.max(0, this.lastSent + MIN_INTERVAL_MS - this.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.lastSent = this.now();
      this.signals
        .publish({
          recipients: { type: 'broadcast' },
          channel: TOFUI_REPORTS_CHANNEL,
          message: {
            changed: 'reports',
            at: new Date(this.lastSent).toISOString(),
          },
        })
        .catch(error =>
          this.logger.warn(`tofUI could not send a signal: ${error}`),
        );
    }, wait);
    // never keep the process alive for a signal
    this.pending.unref?.();
  }
}
