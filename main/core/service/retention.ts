// Applies the user's retention settings at start, every few minutes, and when they change, in short
// transactions with the event loop free in between, so that the receiver keeps answering meanwhile.
import { RETENTION_CHUNK, type Store } from '../store/index.js';

export interface Retention {
  /** Deletes what the settings exclude now; resolves with how many deliveries went. */
  run(): Promise<number>;
  stop(): void;
}

/** `onError` hears a sweep that failed on its own schedule (one asked for through `run` rejects instead). */
export function startRetention(store: Store, onError: (error: unknown) => void, everyMs = 10 * 60_000): Retention {
  let running: Promise<number> | null = null;
  let again: Promise<number> | null = null;
  const sweep = async (): Promise<number> => {
    const ids = store.expiredIds(store.settings.get(), Date.now());
    for (let i = 0; i < ids.length; i += RETENTION_CHUNK) {
      if (!store.db.open) return i;
      store.removeDeliveries(ids.slice(i, i + RETENTION_CHUNK));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return ids.length;
  };
  const start = (): Promise<number> => (running = sweep().finally(() => (running = null)));
  // A run asked for during a sweep (new settings) gets a sweep of its own after it, not the old one.
  const run = (): Promise<number> => {
    if (!running) return start();
    return (again ??= running
      .catch(() => 0)
      .then(() => {
        again = null;
        return start();
      }));
  };
  const scheduled = () =>
    void run().catch((e: unknown) => onError(new Error(`retention failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e })));
  const timer = setInterval(scheduled, everyMs);
  timer.unref();
  scheduled();
  return { run, stop: () => clearInterval(timer) };
}
