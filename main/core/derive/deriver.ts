// Derives (ingests) what the receiver stored raw. The CPU work (decoding, parsing, the contract check,
// packing) runs in a child process that only reads (derive-process.ts); this thread writes the
// results, a few rows at a time between the receiver's commits, so that the store has one writer and
// nobody waits in SQLite's busy back-off. While deliveries arrive and this thread is saturated, derivation pauses (for at most
// MAX_PAUSE_MS, then takes a share of the thread, APPLY_SHARE), so that a burst is acknowledged at the
// receiver's own speed and derived just after; otherwise a step runs per turn of the event loop, which
// keeps up with a steady stream.
//
// A body is never parsed on this thread. The child has a heap limit and a time limit per batch; a
// child that dies (out of memory, too slow, a bug) is replaced, and the replacement derives the
// deliveries after the last one whose results arrived one at a time, so that a second death names the
// delivery: that one is marked not derivable (a problem saying why) and never tried again, at start-up
// either. A process, not a worker thread: V8 does not reliably stop a worker at its heap limit (a
// worker out of memory took the whole app down in 3 of 6 runs), while a child can only end itself.
import { performance } from 'node:perf_hooks';
import { describeExit, forkChild, ranOutOfMemory, type ChildExit, type ChildHandle, type ChildLauncher } from '../child-process.js';
import type { Store } from '../store/index.js';
import type { Derived } from './derive-batch.js';
import type { DeriverStart, FromDeriver, ToDeriver } from './messages.js';
import { notIngested } from '../ingest/ingest.js';
import { ingestLimits, type IngestLimits } from '../ingest/limits.js';
import { prepareDerived } from '../store/index.js';

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
 * Rows written per step: 4 (~0.8 ms of this thread) while little waits, so an arrival never waits
 * longer; up to 16 as a backlog builds, since each step is a commit (~0.13 ms) of its own.
 */
const APPLY_ROWS = { min: 4, max: 16 };
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
/** A step whose write fails is tried this many times, RETRY_MS apart, then left pending for the next start. */
const WRITE_TRIES = 3;
const RETRY_MS = 100;
/**
 * The deriver's heap (--max-old-space-size of its process). A body at the budgets (64 MiB decoded, 4M
 * values and keys built, ingest/limits.ts) needs ~500 MB at the peak; a body that needs more than this
 * ends the child, never the app, and is marked not derivable.
 */
export const DEFAULT_DERIVER_HEAP_MB = 1024;
/** One batch (at most 4 MiB of bodies, or one body) takes seconds at worst; a minute is a hang. */
export const DEFAULT_BATCH_TIMEOUT_MS = 60_000;
/**
 * Batches the child keeps in flight (derive-process.ts): with that many unwritten, it waits for us.
 * While careful, one: it derives the next delivery only once the last one is written.
 */
const WINDOW = 2;
/** After a crash, this many deliveries are derived one a batch: a batch's worth, which holds the culprit. */
const CAREFUL_ROWS = 32;
/** A stopped child that has not closed its connection and left within this long is killed. */
const STOP_GRACE_MS = 1_000;
/** A child that dies before it opens the store is started again after this, doubling to RESTART_MAX_MS. */
const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 30_000;

export function startDeriver(options: DeriverOptions): Deriver {
  const { store } = options;
  let committed = 0;
  let derived = 0;
  let stopped = false;
  let waiters: Array<{ upTo: number; resolve: () => void }> = [];
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

  // Batches from the child, written a few rows at a time; each is acknowledged once written.
  const batches: Array<{ items: Derived[]; next: number; upTo: number; failures: number; gen: number }> = [];
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
    if (busy && waiters.length === 0 && now - pausedSince! < MAX_PAUSE_MS) {
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
    // At most two batches of 32 wait here: 4 rows a step when a few wait, up to 16 when both are full.
    const waiting = batches.reduce((n, b) => n + b.items.length - b.next, 0);
    const rows = Math.min(APPLY_ROWS.max, Math.max(APPLY_ROWS.min, waiting >> 2));
    const chunk = batch.items.slice(batch.next, batch.next + rows);
    const started = performance.now();
    let ids: number[] = [];
    try {
      ids = store.deliveries.applyDerivedBatch(chunk);
      batch.next += chunk.length;
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
      batch.next += chunk.length;
      batch.failures = 0;
    }
    const took = performance.now() - started;
    notBefore = performance.now() + (took * (1 - APPLY_SHARE)) / APPLY_SHARE;
    if (ids.length) announce(ids);
    if (batch.next >= batch.items.length) {
      batches.shift();
      advance(batch.upTo);
      // A dead child's batch is still written; its window is not the new child's to open.
      if (batch.gen === generation) child?.send({ type: 'applied' } satisfies ToDeriver);
    }
    schedule();
  };

  const limits = ingestLimits(options.limits);
  const batchTimeoutMs = options.batchTimeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS;
  const heapMb = options.heapMb ?? DEFAULT_DERIVER_HEAP_MB;
  const launch = options.launch ?? forkChild;
  /** Highest id whose results arrived from a child (or that was marked): a new child reads after it. */
  let received = 0;
  let child: ChildHandle | null = null;
  /** Each child's generation: a dead one's late messages and its batches' acknowledgements are not the new one's. */
  let generation = 0;
  let ready = false;
  /** Deliveries the current child derives one at a time (its careful count, less the results received). */
  let careful = 0;
  let startFailures = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  /** When the child last showed progress while it had work: the batch timeout counts from here. */
  let progressAt = performance.now();
  /**
   * From a wake until the child says it is idle, it keeps reading whatever is pending, so further
   * commits need no message of their own (a message per commit cost this thread ~2% during a burst).
   */
  let childBusy = false;
  const wakeChild = () => {
    if (!child || !ready) return;
    if (!childBusy) progressAt = performance.now();
    childBusy = true;
    child.send({ type: 'wake', upTo: committed } satisfies ToDeriver);
  };

  const onMessage = (gen: number, message: FromDeriver) => {
    if (stopped || gen !== generation) return;
    progressAt = performance.now();
    if (message.type === 'ready') {
      ready = true;
      startFailures = 0;
      // Also with nothing new to read: its idle answer is what tells waiting readers that a delivery
      // marked not derivable has been dealt with.
      if (committed > 0) wakeChild();
    } else if (message.type === 'derived') {
      received = Math.max(received, message.upTo);
      careful = Math.max(0, careful - message.items.length);
      batches.push({ items: message.items, next: 0, upTo: message.upTo, failures: 0, gen });
      schedule();
    } else if (message.type === 'idle') {
      childBusy = false;
      advance(message.upTo);
      // Commits whose wake was left out while the child was busy (it had read before they landed).
      if (committed > message.upTo) wakeChild();
    } else died(gen, new Error(`the deriver's process failed: ${message.message}`));
  };

  /** What a child's end says, for the error and the problem of the delivery it died on. */
  const exitError = (exit: ChildExit): Error =>
    new Error(
      ranOutOfMemory(exit) ? `the deriver's process ran out of its ${heapMb} MB of memory` : `the deriver's process ${describeExit(exit)}`,
    );

  /**
   * A child ended without being asked: replace it, and name the delivery if this was the second try.
   * Everything it sent before has been handled by now (ChildHandle.onExit comes after its messages).
   */
  const died = (gen: number, error: unknown) => {
    if (stopped || gen !== generation) return;
    const wasReady = ready;
    const wasCareful = careful > 0;
    const hadWork = childBusy;
    generation++;
    ready = false;
    childBusy = false;
    child?.kill();
    child = null;
    options.onError?.(error);
    if (!wasReady) {
      // It never opened the store: nothing a delivery did. Try again later, blaming none.
      const delay = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** startFailures++);
      restartTimer = setTimeout(() => start(), delay);
      restartTimer.unref();
      return;
    }
    if (hadWork && wasCareful) markNotDerivable(received, error);
    careful = hadWork && !wasCareful ? CAREFUL_ROWS : 0;
    start();
  };

  /** The delivery a careful child died on: the first pending after the last one whose results arrived. */
  const markNotDerivable = (after: number, error: unknown) => {
    const id = store.deliveries.firstPendingAfter(after);
    if (id === null) return;
    const why = error instanceof Error ? error.message : String(error);
    const problem = {
      path: '$',
      severity: 'error' as const,
      code: 'not-derivable',
      message: `Not indexed: deriving this delivery failed (${why}). Its raw body is kept byte for byte: open it as text or hex, export it, or re-send it`,
    };
    try {
      const ids = store.deliveries.applyDerivedBatch([prepareDerived(id, notIngested(problem, 'not derivable'))]);
      received = Math.max(received, id);
      if (ids.length) announce(ids);
    } catch (writeError) {
      options.onError?.(writeError);
    }
  };

  // Starting a child is asynchronous: the process loads while the receiver goes on; 'ready' says it has.
  const start = () => {
    restartTimer = null;
    if (stopped) return;
    const gen = generation;
    const data: DeriverStart = { file: store.db.name, nativeBinding: options.nativeBinding, after: received, careful, limits };
    let spawned: ChildHandle;
    try {
      // The heap limit is the memory bound of deriving one body: past it the child dies, not the app.
      spawned = launch(new URL('./derive-process.js', import.meta.url), {
        args: [],
        nodeArgs: [`--max-old-space-size=${heapMb}`],
        name: 'deriver',
      });
    } catch (error) {
      queueMicrotask(() => died(gen, error));
      return;
    }
    child = spawned;
    exited = new Promise<void>((resolve) => {
      spawned.onMessage((m) => onMessage(gen, m as FromDeriver));
      // An exit nobody asked for is a death; one after stop() is not (stopped).
      spawned.onExit((exit) => {
        died(gen, exitError(exit));
        resolve();
      });
    });
    spawned.send({ type: 'start', data } satisfies ToDeriver);
  };
  let exited: Promise<void> = Promise.resolve();

  // A child with work that shows no progress for the batch timeout is stuck on a delivery (or on a
  // body that takes too long): the same as a crash. While its window is full it is waiting, not stuck.
  const watchdog = setInterval(
    () => {
      const windowFull = batches.filter((b) => b.gen === generation).length >= (careful > 0 ? 1 : WINDOW);
      if (!child || !ready || !childBusy || windowFull) {
        progressAt = performance.now();
        return;
      }
      if (performance.now() - progressAt > batchTimeoutMs)
        died(generation, new Error(`a batch took longer than ${Math.round(batchTimeoutMs / 1000)} s`));
    },
    Math.min(1_000, batchTimeoutMs / 4),
  );
  watchdog.unref();
  start();

  const deriver: Deriver = {
    committed(upTo) {
      const now = performance.now();
      // A gap in arrivals ends a burst: the next one gets a pause of its own.
      if (now - lastArrivalAt > ARRIVING_MS) pausedSince = null;
      lastArrivalAt = now;
      committed = Math.max(committed, upTo);
      reportBacklog();
      if (!childBusy) wakeChild();
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
        clearInterval(watchdog);
        if (restartTimer) clearTimeout(restartTimer);
        if (scheduled) {
          clearTimeout(scheduled as NodeJS.Timeout);
          clearImmediate(scheduled as NodeJS.Immediate);
        }
        batches.length = 0;
        for (const w of waiters) w.resolve();
        waiters = [];
        if (child) {
          const c = child;
          c.hold(true); // keep the app alive until the child has closed its connection
          c.send({ type: 'stop' } satisfies ToDeriver);
          const timer = setTimeout(() => c.kill(), STOP_GRACE_MS);
          void exited.then(() => clearTimeout(timer));
        }
      }
      return child ? exited : Promise.resolve();
    },
  };
  // What a killed process left pending is derived first, and reads wait for it like for new arrivals.
  deriver.committed(store.deliveries.lastPendingId());
  return deriver;
}
