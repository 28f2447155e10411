import { useCallback, useLayoutEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';

type SetParams = ReturnType<typeof useSearchParams>[1];

/** Options of a query write: `replace` replaces the history entry. */
export interface PageQueryWriteOptions {
  replace?: boolean;
}

/**
 * The page's URL query, and writes to it that only a page still on screen
 * makes.
 *
 * Why the guard: when the user follows a link to a view whose code is still
 * loading, React hides the current page under the Suspense fallback but keeps
 * it mounted, timers and all. A write it makes then (a debounced search
 * arriving 250 ms after the last keystroke) navigates relative to the page's
 * own location, and so back to it, cancelling the link the user followed.
 * React removes a hidden tree's layout effects, so the layout effect below
 * tells whether the page is shown.
 */
export function usePageQuery() {
  const [params, setSearchParams] = useSearchParams();
  const shown = useRef(false);
  useLayoutEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);

  const setParams = useCallback<SetParams>(
    (next, options) => {
      if (shown.current) setSearchParams(next, options);
    },
    [setSearchParams],
  );
  /** Sets one key (removes it when `value` is empty), keeping the others. */
  const setParam = useCallback(
    (key: string, value?: string, options?: PageQueryWriteOptions) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      }, options),
    [setParams],
  );
  return { params, setParam, setParams };
}
