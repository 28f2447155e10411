import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useKeysetPages } from './useKeysetPages';

/** A list of 10 items, newest first, served `limit` at a time after `cursor`. */
function fakeList() {
  let items = Array.from({ length: 10 }, (_, i) => `item-${10 - i}`);
  const calls: Array<{ cursor?: string; limit: number }> = [];
  const fetchPage = async (page: { cursor?: string; limit: number }) => {
    calls.push(page);
    const start = page.cursor ? Number(page.cursor) : 0;
    const end = start + page.limit;
    return {
      items: items.slice(start, end),
      ...(end < items.length && { nextCursor: String(end) }),
    };
  };
  return {
    fetchPage,
    calls,
    prepend: (item: string) => {
      items = [item, ...items];
    },
  };
}

describe('useKeysetPages', () => {
  it('reads a page at a time, and rereads what it shows when reports change', async () => {
    const list = fakeList();
    const listeners: Array<(message: any) => void> = [];
    const signalApi = {
      subscribe: (_channel: string, onMessage: (m: any) => void) => {
        listeners.push(onMessage);
        return { unsubscribe: () => {} };
      },
    };
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signalApi]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useKeysetPages(list.fetchPage, 3), {
      wrapper,
    });
    await waitFor(() =>
      expect(result.current.items).toEqual(['item-10', 'item-9', 'item-8']),
    );
    await act(async () => {
      result.current.loadMore();
    });
    await waitFor(() => expect(result.current.items).toHaveLength(6));
    expect(result.current.hasMore).toBe(true);

    // a new change was indexed: the list is read again from the top, as
    // many items as it showed, so the new one appears and nothing is lost
    list.prepend('item-11');
    await waitFor(() => expect(listeners.length).toBeGreaterThan(0));
    act(() => listeners.forEach(l => l({ changed: 'reports' })));
    await waitFor(() =>
      expect(result.current.items).toEqual([
        'item-11',
        'item-10',
        'item-9',
        'item-8',
        'item-7',
        'item-6',
      ]),
    );
    expect(list.calls).toEqual([
      { cursor: undefined, limit: 3 },
      { cursor: '3', limit: 3 },
      { cursor: undefined, limit: 6 },
    ]);
  });
});
