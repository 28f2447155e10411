import { useSignal } from '@backstage/plugin-signals-react';
import { TOFUI_REPORTS_CHANNEL } from '@tofui/backstage-plugin-tofui-common';
import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` when the backend signals that reports changed. The
 * backend sends at most one signal a second, and the message names nothing,
 * so the page refetches what it shows, under the user's own permissions.
 */
export function useReportsChanged(refresh: () => void) {
  const { lastSignal } = useSignal(TOFUI_REPORTS_CHANNEL);
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (lastSignal) {
      latest.current();
    }
  }, [lastSignal]);
}

/**
 * On the same signal, reloads a list from the top with as many items as it
 * shows (at least a page, at most `max`): new items appear and nothing
 * already read is lost.
 */
export function useReloadShownOnChange(
  shown: number,
  pageSize: number,
  max: number,
  reload: (limit: number) => void,
) {
  const count = useRef(shown);
  count.current = shown;
  useReportsChanged(() =>
    reload(Math.min(Math.max(count.current, pageSize), max)),
  );
}
