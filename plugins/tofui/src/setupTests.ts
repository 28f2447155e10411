import '@testing-library/jest-dom';

// The suite runs beside the backend's in CI on two cores; a page that loads
// lazily can take longer than testing-library's default second to appear.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
// The first test of a file also pays for compiling its imports (seconds on a
// cold cache in a fresh clone, with the backend suites running beside it).
jest.setTimeout(30_000);

// jsdom has no layout, so no ResizeObserver; recharts' ResponsiveContainer
// needs one to mount (it then renders nothing at zero size, which is fine:
// tests assert on the charts' labelled containers and data, not on pixels).
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= NoLayoutResizeObserver;
