// When the receiver's thread writes what the deriver's process sent: in steps of a few milliseconds
// between the receiver's commits, so that the store has one writer and nobody waits in SQLite's busy
// back-off.
// While deliveries arrive and this thread is saturated, writing pauses (for at most MAX_PAUSE_MS, then
// takes a share of the thread, APPLY_SHARE), so that a burst is acknowledged at the receiver's own
// speed and derived just after; otherwise a step runs per turn of the event loop, which keeps up with
// a steady stream.
import { performance } from 'node:perf_hooks';
import type { Store } from '../store/index.js';
import type { Derived } from './derive-batch.js';

/** A batch from the deriver's process, written a few rows at a time; `gen` is the child that sent it. */
export interface DerivedBatch {
  items: Derived[];
  upTo: number;
  gen: number;
}

export interface ApplyScheduleOptions {
  store: Store;
  /** Someone waits for derivation (settled): a burst's pause ends for them. */
  readersWaiting: () => boolean;
  /** These deliveries were just written (in id order). */
  onWritten: (ids: number[]) => void;
  /** Every row of this batch is written (or given up on). */
  onBatchDone: (batch: DerivedBatch) => void;
  onError?: ((error: unknown) => void) | undefined;
}

export interface ApplySchedule {
  add(batch: DerivedBatch): void;
  /** The receiver has just committed arrivals. */
  arrived(): void;
  /** Batches of this child still waiting to be written. */
  waiting(gen: number): number;
  stop(): void;
}

/**
 * How long one step writes, at most (it writes one delivery at least): an arrival waits no longer
 * behind it. Each step is a transaction, and a transaction of derived rows costs ~165 µs beyond its
 * rows (its commit, the full-text index's new segment): a delivery cost ~200 µs of this thread
 * written alone, ~80 in steps of 4 rows, ~35 in steps of 64 (~2 ms). So a step writes as many
 * rows as fit in this time, rather than a fixed few.
 */
const STEP_MS = 2;
/**
 * While the receiver is saturated, derived results wait (and the child, its window full, idles): on
 * 2 cores, deriving during a full-speed burst cost 0.35–0.4 of the acknowledged rate. A burst pauses
 * derivation at most this long; after that, derived writes take at most APPLY_SHARE of this thread.
 */
const MAX_PAUSE_MS = 5_000;
const APPLY_SHARE = 0.1;
/** How often a pause checks whether the burst is over. */
const PAUSE_CHECK_MS = 25;
/** Saturated: the event loop was busy this share of the last SATURATION_WINDOW_MS... */
const SATURATED_UTILIZATION = 0.9;
const SATURATION_WINDOW_MS = 100;
/** ...and the receiver committed arrivals within this long. */
const ARRIVING_MS = 20;
/** A step whose write fails is tried this many times, RETRY_MS apart; then the rest of its batch is left pending for the next start. */
const WRITE_TRIES = 3;
const RETRY_MS = 100;

export function startApplySchedule(options: ApplyScheduleOptions): ApplySchedule {
  const { store } = options;
  let stopped = false;
  let lastArrivalAt = -Infinity;
  let loopMark = performance.eventLoopUtilization();
  let loopBusy = 0;
  const saturated = () => {
    const now = performance.now();
    if (now - lastArrivalAt > ARRIVING_MS) return false;
    const since = performance.eventLoopUtilization(loopMark);
    if (since.idle + since.active >= SATURATION_WINDOW_MS) {
      loopBusy = since.utilization;
      loopMark = performance.eventLoopUtilization();
    }
    return loopBusy >= SATURATED_UTILIZATION;
  };

  const batches: Array<DerivedBatch & { next: number; failures: number }> = [];
  let pausedSince: number | null = null;
  let scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  let notBefore = 0;
  const schedule = () => {
    if (scheduled || stopped || batches.length === 0) return;
    const now = performance.now();
    const busy = saturated();
    // One pause per burst, however many batches arrive during it; a reader waiting for derivation
    // (settled) ends it, since it would otherwise wait out its limit and read `pending` rows.
    if (!busy) pausedSince = null;
    else pausedSince ??= now;
    if (busy && !options.readersWaiting() && now - pausedSince! < MAX_PAUSE_MS) {
      scheduled = setTimeout(() => {
        scheduled = null;
        schedule();
      }, PAUSE_CHECK_MS);
      return;
    }
    const wait = busy ? notBefore - now : 0;
    scheduled = wait > 0 ? setTimeout(applyStep, wait) : setImmediate(applyStep);
  };
  const applyStep = () => {
    scheduled = null;
    const batch = batches[0];
    if (stopped || !batch || !store.db.open) return;
    const started = performance.now();
    let ids: number[] = [];
    try {
      const written = store.deliveries.applyDerivedFor(batch.items, batch.next, STEP_MS);
      ids = written.ids;
      batch.next += written.count;
      batch.failures = 0;
    } catch (error) {
      // Busy (another process) or full: tried again shortly; a step that keeps failing stays pending.
      if (++batch.failures < WRITE_TRIES) {
        scheduled = setTimeout(applyStep, RETRY_MS);
        return;
      }
      options.onError?.(
        new Error(
          `could not write derived deliveries, left pending until the next start: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      batch.next = batch.items.length;
      batch.failures = 0;
    }
    const took = performance.now() - started;
    notBefore = performance.now() + (took * (1 - APPLY_SHARE)) / APPLY_SHARE;
    if (ids.length) options.onWritten(ids);
    if (batch.next >= batch.items.length) {
      batches.shift();
      options.onBatchDone(batch);
    }
    schedule();
  };

  return {
    add(batch) {
      batches.push({ ...batch, next: 0, failures: 0 });
      schedule();
    },
    arrived() {
      const now = performance.now();
      // A gap in arrivals ends a burst: the next one gets a pause of its own.
      if (now - lastArrivalAt > ARRIVING_MS) pausedSince = null;
      lastArrivalAt = now;
    },
    waiting: (gen) => batches.filter((b) => b.gen === gen).length,
    stop() {
      stopped = true;
      if (scheduled) {
        clearTimeout(scheduled as NodeJS.Timeout);
        clearImmediate(scheduled as NodeJS.Immediate);
      }
      batches.length = 0;
    },
  };
}
