/** Resolves after the event loop's other work: I/O callbacks, other threads' results. */
export function nextTask(): Promise<void> {
  const { setImmediate } = globalThis as {
    setImmediate?: (callback: () => void) => unknown;
  };
  return new Promise(resolve =>
    setImmediate ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}
