// Derives (ingests) what the receiver stored raw. The CPU work (decoding, parsing, the contract check,
// packing) runs in a child process that only reads (derive-process.ts, started and replaced by
// deriver-child.ts); this thread writes the results between the receiver's commits
// (apply-schedule.ts), so that the store has one writer. This module joins the two and tells readers
// when what was committed is derived. A body is never parsed on this thread.
import { forkChild, type ChildLauncher } from '../child-process.js';
import type { Store } from '../store/index.js';
import { ingestLimits, type IngestLimits } from '../ingest/limits.js';
import { startApplySchedule } from './apply-schedule.js';
import { startDeriverChild } from './deriver-child.js';

export interface DeriverOptions {
  store: Store;
  nativeBinding?: string;
  /** These deliveries have just been derived (in id order). */
  onDerived: (ids: number[]) => void;
  /** The deriver's process died or could not start; it is replaced (the error says what happened). */
  onError?: (error: unknown) => void;
  /** How much of one body is read and indexed. */
  limits?: Partial<IngestLimits>;
  /** Heap of the deriver's process, in MiB: a body that needs more is marked not derivable. */
  heapMb?: number;
  /** How the process is started: Node's fork by default; the desktop app passes Electron's. */
  launch?: ChildLauncher;
  /** A batch taking longer than this marks its delivery not derivable. */
  batchTimeoutMs?: number;
  /** Deliveries committed and not yet derived (by id), after each commit and each written batch. */
  onBacklog?: (pending: number) => void;
}

export interface Deriver {
  /** Deliveries up to this id are committed (the receiver has just written them). */
  committed(upTo: number): void;
  /** Resolves once every delivery committed so far is derived, or after `maxWaitMs`. */
  settled(maxWaitMs: number): Promise<void>;
  /** Stops deriving; what is still pending is derived at the next start (and by export meanwhile). */
  stop(): Promise<void>;
}

/**
 * The deriver's heap (--max-old-space-size of its process). A body at the budgets (64 MiB decoded, 4M
 * values and keys built, ingest/limits.ts) needs ~500 MB at the peak; a body that needs more than this
 * ends the child, never the app, and is marked not derivable.
 */
export const DEFAULT_DERIVER_HEAP_MB = 1024;
/** One batch (at most 4 MiB of bodies, or one body) takes seconds at worst; a minute is a hang. */
export const DEFAULT_BATCH_TIMEOUT_MS = 60_000;

export function startDeriver(options: DeriverOptions): Deriver {
  const { store } = options;
  let committed = 0;
  let derived = 0;
  let stopped = false;
  let waiters: Array<{ upTo: number; resolve: () => void }> = [];

  const reportBacklog = () => options.onBacklog?.(Math.max(0, committed - derived));
  const advance = (upTo: number) => {
    derived = Math.max(derived, upTo);
    reportBacklog();
    const ready = waiters.filter((w) => w.upTo <= derived);
    if (ready.length === 0) return;
    waiters = waiters.filter((w) => w.upTo > derived);
    for (const w of ready) w.resolve();
  };

  // The rows are written: a listener's failure must not undo that or stop the next step.
  const announce = (ids: number[]) => {
    try {
      options.onDerived(ids);
    } catch (error) {
      options.onError?.(error);
    }
  };

  const writes = startApplySchedule({
    store,
    readersWaiting: () => waiters.length > 0,
    onWritten: announce,
    onBatchDone: (batch) => {
      advance(batch.upTo);
      child.applied(batch.gen);
    },
    onError: options.onError,
  });
  const child = startDeriverChild({
    store,
    nativeBinding: options.nativeBinding,
    limits: ingestLimits(options.limits),
    heapMb: options.heapMb ?? DEFAULT_DERIVER_HEAP_MB,
    batchTimeoutMs: options.batchTimeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS,
    launch: options.launch ?? forkChild,
    committed: () => committed,
    onBatch: (items, upTo, gen) => writes.add({ items, upTo, gen }),
    onIdle: advance,
    waitingBatches: writes.waiting,
    onMarked: announce,
    onError: options.onError,
  });

  const deriver: Deriver = {
    committed(upTo) {
      writes.arrived();
      committed = Math.max(committed, upTo);
      reportBacklog();
      child.wake();
    },
    settled(maxWaitMs) {
      const upTo = committed;
      if (derived >= upTo || stopped) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const waiter = { upTo, resolve: () => (clearTimeout(timer), resolve()) };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          resolve();
        }, maxWaitMs);
        waiters.push(waiter);
      });
    },
    stop() {
      if (!stopped) {
        stopped = true;
        writes.stop();
        for (const w of waiters) w.resolve();
        waiters = [];
      }
      return child.stop();
    },
  };
  // What a killed process left pending is derived first, and reads wait for it like for new arrivals.
  deriver.committed(store.deliveries.lastPendingId());
  return deriver;
}
