import type { StatusType } from '@tofui/backstage-plugin-tofui-common';
import type { TofuiStore } from '../database/TofuiStore';

/** How long a replica may derive verdicts from status types it read earlier. */
export const STATUS_TYPE_CACHE_MS = 5_000;

/**
 * Status types as publishing needs them: read at most every few seconds
 * instead of once per publish. A change made through another replica is seen
 * within {@link STATUS_TYPE_CACHE_MS}; the verdict recomputation that follows
 * every change runs once more after that window, so a report published with
 * the old definition in between is corrected too.
 */
export class StatusTypeCache {
  private value: Promise<StatusType[]> | undefined;
  private loadedAt = 0;

  constructor(
    private readonly store: TofuiStore,
    private readonly ttlMs = STATUS_TYPE_CACHE_MS,
  ) {}

  get(now = Date.now()): Promise<StatusType[]> {
    if (!this.value || now - this.loadedAt > this.ttlMs) {
      this.loadedAt = now;
      this.value = this.store.statusTypes.list();
      this.value.catch(() => {
        this.value = undefined;
      });
    }
    return this.value;
  }

  invalidate(): void {
    this.value = undefined;
  }
}
