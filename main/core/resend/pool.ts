// Bounded concurrency: `concurrency` workers pull items from one iterator, so at most that many
// sends are in flight and a lazy source (a generator of a million bodies) is read only as fast as
// it is sent. Stops taking items once the signal aborts.

export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  signal: AbortSignal,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const it = items[Symbol.iterator]();
  let index = 0;
  const worker = async () => {
    for (;;) {
      if (signal.aborted) return;
      const next = it.next();
      if (next.done) return;
      await work(next.value, index++);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
