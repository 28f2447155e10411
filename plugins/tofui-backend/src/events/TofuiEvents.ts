import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Report } from '@tofui/backstage-plugin-tofui-common';

/** What happens in the plugin that other parts act on, by event name. */
export interface TofuiEventMap {
  /**
   * Reports as readers see them changed: published, updated, deleted,
   * rendered or archived (`repository` says where), or — without a
   * repository — something every response depends on (status types,
   * repositories, the catalog mapping). The response cache invalidates, then
   * open pages are signalled to refetch.
   */
  reportsChanged: { repository?: string };
  /**
   * The response cache's deferred invalidation of fleet-wide responses
   * (`tofui.cache.fleetRefreshMs`) landed: open pages refetch again.
   */
  fleetResponsesRefreshed: {};
  /**
   * A report's changes were indexed (or removed): the change, drift and
   * pending views read them, and open pages refetch. Cached responses do
   * not depend on them.
   */
  changesIndexed: {};
  /** A report was published and stored (metrics, notifications). */
  reportPublished: { report: Report };
  /** Jobs were queued: the runner starts them now, not at its next poll. */
  jobsQueued: {};
}

export type TofuiEventName = keyof TofuiEventMap;

type Listener<K extends TofuiEventName> = (
  event: TofuiEventMap[K],
) => void | Promise<void>;

/**
 * The plugin's events: services say what happened, and whoever acts on it
 * subscribes where the plugin is wired (see createTofuiServices), so what
 * follows a write is listed in one place. Listeners run in the order they
 * subscribed, each awaited: the cache is invalidated before pages are told
 * to refetch. A failing listener is logged and never fails the write that
 * emitted the event.
 */
export class TofuiEvents {
  private readonly listeners = new Map<TofuiEventName, Listener<any>[]>();

  constructor(private readonly logger: LoggerService) {}

  on<K extends TofuiEventName>(name: K, listener: Listener<K>): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  async emit<K extends TofuiEventName>(
    name: K,
    event: TofuiEventMap[K],
  ): Promise<void> {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.warn(`tofUI ${name} listener failed: ${error}`);
      }
    }
  }
}
