// Collects events that arrive in a burst and hands them over together, once per scheduled tick
// (an animation frame in the app), so that 500 deliveries in a second cause a few renders, not 500.

export type Schedule = (run: () => void) => void;

export interface Batcher<T> {
  push(item: T): void;
}

export function createBatcher<T>(flush: (items: T[]) => void, schedule: Schedule): Batcher<T> {
  let pending: T[] = [];
  let scheduled = false;
  return {
    push(item) {
      pending.push(item);
      if (scheduled) return;
      scheduled = true;
      schedule(() => {
        scheduled = false;
        const items = pending;
        pending = [];
        flush(items);
      });
    },
  };
}
