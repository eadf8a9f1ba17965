// Debouncing for live previews, and a guard so a slow, older answer never overwrites a newer one.

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
}

export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (h: unknown) => void } = {
    set: (f, t) => setTimeout(f, t),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): Debounced<A> {
  let handle: unknown = null;
  const d = (...args: A) => {
    if (handle !== null) timers.clear(handle);
    handle = timers.set(() => {
      handle = null;
      fn(...args);
    }, ms);
  };
  d.cancel = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
  };
  return d;
}

/** Numbers requests; only the answer to the latest one is current. */
export function sequencer(): { next(): number; isCurrent(ticket: number): boolean } {
  let last = 0;
  return {
    next: () => ++last,
    isCurrent: (ticket) => ticket === last,
  };
}
