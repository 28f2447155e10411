import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/** The backend's signal channel for report writes (see ReportSignals). */
export const REPORTS_CHANNEL = 'tofui:reports';

/**
 * Calls `refresh` when the backend signals that reports changed. The
 * backend sends at most one signal a second, and the message names nothing,
 * so the page refetches what it shows, under the user's own permissions.
 */
export function useReportsChanged(refresh: () => void) {
  const { lastSignal } = useSignal(REPORTS_CHANNEL);
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (lastSignal) {
      latest.current();
    }
  }, [lastSignal]);
}
