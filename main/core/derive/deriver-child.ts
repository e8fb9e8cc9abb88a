// The deriver's process, seen from the receiver's thread: started, woken, replaced when it dies. The
// child has a heap limit and a time limit per batch; a child that dies (out of memory, too slow, a bug)
// is replaced, and the replacement derives the deliveries after the last one whose results arrived one
// at a time, so that a second death names the delivery: that one is marked not derivable (a problem
// saying why) and never tried again, at start-up either. A process, not a worker thread: V8 does not
// reliably stop a worker at its heap limit (a worker out of memory took the whole app down in 3 of 6
// runs), while a child can only end itself.
import { performance } from 'node:perf_hooks';
import { describeExit, ranOutOfMemory, type ChildExit, type ChildHandle, type ChildLauncher } from '../child-process.js';
import type { Store } from '../store/index.js';
import type { Derived } from './derive-batch.js';
import type { DeriverStart, FromDeriver, ToDeriver } from './messages.js';
import { notIngested } from '../ingest/ingest.js';
import type { IngestLimits } from '../ingest/limits.js';
import { prepareDerived } from '../store/index.js';

export interface DeriverChildOptions {
  store: Store;
  nativeBinding?: string | undefined;
  limits: IngestLimits;
  heapMb: number;
  batchTimeoutMs: number;
  launch: ChildLauncher;
  /** The highest id committed so far: what a wake asks the child to derive up to. */
  committed: () => number;
  /** Results from the child `gen`, to be written; `upTo` is the last id it read. */
  onBatch: (items: Derived[], upTo: number, gen: number) => void;
  /** Nothing is pending up to this id (every batch the child sent before is written). */
  onIdle: (upTo: number) => void;
  /** Batches of child `gen` waiting to be written: with its window full, a child waits and is not stuck. */
  waitingBatches: (gen: number) => number;
  /** A delivery was marked not derivable (written). */
  onMarked: (ids: number[]) => void;
  onError?: ((error: unknown) => void) | undefined;
}

export interface DeriverChild {
  /** Deliveries were committed: the child reads them, unless it is already reading (it goes on until idle). */
  wake(): void;
  /** A batch of child `gen` is written: a live child may send the next. */
  applied(gen: number): void;
  /** Stops the child; resolves once it has closed its connection and left. */
  stop(): Promise<void>;
}

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

export function startDeriverChild(options: DeriverChildOptions): DeriverChild {
  const { store, heapMb, batchTimeoutMs } = options;
  let stopped = false;
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
    child.send({ type: 'wake', upTo: options.committed() } satisfies ToDeriver);
  };

  const onMessage = (gen: number, message: FromDeriver) => {
    if (stopped || gen !== generation) return;
    progressAt = performance.now();
    if (message.type === 'ready') {
      ready = true;
      startFailures = 0;
      // Also with nothing new to read: its idle answer is what tells waiting readers that a delivery
      // marked not derivable has been dealt with.
      if (options.committed() > 0) wakeChild();
    } else if (message.type === 'derived') {
      received = Math.max(received, message.upTo);
      careful = Math.max(0, careful - message.items.length);
      options.onBatch(message.items, message.upTo, gen);
    } else if (message.type === 'idle') {
      childBusy = false;
      options.onIdle(message.upTo);
      // Commits whose wake was left out while the child was busy (it had read before they landed).
      if (options.committed() > message.upTo) wakeChild();
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
      if (ids.length) options.onMarked(ids);
    } catch (writeError) {
      options.onError?.(writeError);
    }
  };

  // Starting a child is asynchronous: the process loads while the receiver goes on; 'ready' says it has.
  const start = () => {
    restartTimer = null;
    if (stopped) return;
    const gen = generation;
    const data: DeriverStart = {
      file: store.db.name,
      nativeBinding: options.nativeBinding,
      after: received,
      careful,
      limits: options.limits,
    };
    let spawned: ChildHandle;
    try {
      // The heap limit is the memory bound of deriving one body: past it the child dies, not the app.
      spawned = options.launch(new URL('./derive-process.js', import.meta.url), {
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
      const windowFull = options.waitingBatches(generation) >= (careful > 0 ? 1 : WINDOW);
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

  return {
    wake() {
      if (!childBusy) wakeChild();
    },
    applied(gen) {
      // A dead child's batch is still written; its window is not the new child's to open.
      if (gen === generation) child?.send({ type: 'applied' } satisfies ToDeriver);
    },
    stop() {
      if (!stopped) {
        stopped = true;
        clearInterval(watchdog);
        if (restartTimer) clearTimeout(restartTimer);
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
}
