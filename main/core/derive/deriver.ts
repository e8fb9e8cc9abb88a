// Derives (ingests) what the receiver stored raw. The CPU work (decoding, parsing, the contract check,
// packing) runs on a worker thread that only reads; this thread writes the results, a few rows at a
// time between the receiver's commits, so that the store has one writer and nobody waits in SQLite's
// busy back-off. While deliveries arrive and this thread is saturated, derivation pauses (for at most
// MAX_PAUSE_MS, then takes a share of the thread, APPLY_SHARE), so that a burst is acknowledged at the
// receiver's own speed and derived just after; otherwise a step runs per turn of the event loop, which
// keeps up with a steady stream. If the worker cannot run, or stops on a bug, the same steps run on
// this thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { Store } from '../store/index.js';
import { deriveStep, type Derived } from './derive-batch.js';
import type { FromDeriver, ToDeriver } from './messages.js';
import { backgroundNice } from '../thread-priority.js';

export interface DeriverOptions {
  store: Store;
  nativeBinding?: string;
  /** These deliveries have just been derived (in id order). */
  onDerived: (ids: number[]) => void;
  /** The worker failed; derivation continues on this thread. */
  onError?: (error: unknown) => void;
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
 * While the receiver is saturated, derived results wait (and the worker, its window full, idles): on
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

export function startDeriver(options: DeriverOptions): Deriver {
  const { store } = options;
  let committed = 0;
  let derived = 0;
  let stopped = false;
  let waiters: Array<{ upTo: number; resolve: () => void }> = [];
  let inline: InlineDeriver | null = null;
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

  // Batches from the worker, written a few rows at a time; each is acknowledged once written.
  const batches: Array<{ items: Derived[]; next: number; upTo: number; failures: number }> = [];
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
      console.error('deriver: could not write derived deliveries, left pending until the next start:', error);
      batch.next += chunk.length;
      batch.failures = 0;
    }
    const took = performance.now() - started;
    notBefore = performance.now() + (took * (1 - APPLY_SHARE)) / APPLY_SHARE;
    if (ids.length) announce(ids);
    if (batch.next >= batch.items.length) {
      batches.shift();
      advance(batch.upTo);
      worker?.postMessage({ type: 'applied' } satisfies ToDeriver);
    }
    schedule();
  };

  const onMessage = (message: FromDeriver) => {
    if (stopped || inline) return;
    if (message.type === 'derived') {
      batches.push({ items: message.items, next: 0, upTo: message.upTo, failures: 0 });
      schedule();
    } else if (message.type === 'idle') {
      workerBusy = false;
      advance(message.upTo);
      // Commits whose wake was left out while the worker was busy (it had read before they landed).
      if (committed > message.upTo) wakeWorker();
    }
    else takeOver(new Error(`deriver thread failed: ${message.message}`));
  };
  const takeOver = (error: unknown) => {
    if (inline || stopped) return;
    options.onError?.(error);
    void worker?.terminate();
    // What the worker sent and was not written is still pending: the inline deriver reads it again.
    batches.length = 0;
    inline = inlineDeriver(store, (ids) => ids.length && options.onDerived(ids), advance);
    inline.wake(committed);
  };

  let worker: Worker | null = null;
  /**
   * From a wake until the worker says it is idle, it keeps reading whatever is pending, so further
   * commits need no message of their own (a message per commit cost this thread ~2% during a burst).
   */
  let workerBusy = false;
  const wakeWorker = () => {
    workerBusy = true;
    worker?.postMessage({ type: 'wake', upTo: committed } satisfies ToDeriver);
  };
  try {
    worker = spawn(store.db.name, options.nativeBinding);
  } catch (error) {
    queueMicrotask(() => takeOver(error));
  }
  const exited = new Promise<void>((resolve) => {
    if (!worker) return resolve();
    worker.on('message', onMessage);
    worker.on('error', takeOver);
    // An exit nobody asked for (the thread ended without an error event) also hands the work over.
    worker.once('exit', (code) => {
      if (!stopped) takeOver(new Error(`deriver thread exited (${code})`));
      resolve();
    });
    worker.unref();
  });

  const deriver: Deriver = {
    committed(upTo) {
      const now = performance.now();
      // A gap in arrivals ends a burst: the next one gets a pause of its own.
      if (now - lastArrivalAt > ARRIVING_MS) pausedSince = null;
      lastArrivalAt = now;
      committed = Math.max(committed, upTo);
      reportBacklog();
      if (inline) inline.wake(upTo);
      else if (!workerBusy) wakeWorker();
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
        inline?.stop();
        if (scheduled) {
          clearTimeout(scheduled as NodeJS.Timeout);
          clearImmediate(scheduled as NodeJS.Immediate);
        }
        batches.length = 0;
        for (const w of waiters) w.resolve();
        waiters = [];
        if (!inline && worker) {
          worker.ref(); // keep the process alive until the worker has closed its connection
          worker.postMessage({ type: 'stop' } satisfies ToDeriver);
        }
      }
      return inline ? Promise.resolve() : exited;
    },
  };
  // What a killed process left pending is derived first, and reads wait for it like for new arrivals.
  deriver.committed(store.deliveries.lastPendingId());
  return deriver;
}

function spawn(file: string, nativeBinding: string | undefined): Worker {
  const workerData = { file, nativeBinding, nice: backgroundNice() };
  // Built (dist/, the packaged app): the compiled worker beside this file.
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./derive-worker.js', import.meta.url), { workerData });
  // From source (vitest, tsx): the worker's TypeScript needs tsx's loader in that thread too.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const loader = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./derive-worker.ts', import.meta.url).href;
  const source = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(source, { eval: true, workerData });
}

interface InlineDeriver {
  wake(upTo: number): void;
  stop(): void;
}

/** The fallback: small steps on this thread, each in its own turn of the event loop. */
function inlineDeriver(store: Store, onDerived: (ids: number[]) => void, advance: (upTo: number) => void): InlineDeriver {
  let scheduled = false;
  let stopped = false;
  let wanted = 0;
  let after = 0; // a batch that could not be written is not tried again until the next start
  const step = () => {
    scheduled = false;
    if (stopped || !store.db.open) return;
    const upTo = wanted;
    let items: Derived[];
    try {
      items = deriveStep(store, after, 8);
      if (items.length > 0) {
        after = items[items.length - 1]!.id;
        onDerived(store.deliveries.applyDerivedBatch(items));
      }
    } catch (error) {
      console.error('deriving deliveries failed, retrying in 1 s:', error);
      setTimeout(schedule, 1_000);
      return;
    }
    if (items.length > 0) {
      advance(after);
      schedule();
    } else advance(upTo);
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(step);
    }
  };
  return {
    wake(upTo) {
      wanted = Math.max(wanted, upTo);
      schedule();
    },
    stop: () => void (stopped = true),
  };
}
