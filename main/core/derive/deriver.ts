// Derives (ingests) what the receiver stored raw, on a worker thread with its own connection, so that
// the receiver's thread only stores, decides the answer and commits. The two take turns at writing
// (WriteTurns below): the worker writes a ready batch only between two receiver commits, so neither
// waits in SQLite's busy back-off (with both writing freely, ack latency p99 passed 100 ms at
// 1,000 req/s). If the worker cannot run, or stops on a bug, the same steps run on this thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store/index.js';
import { deriveStep, type Derived } from './derive-batch.js';
import type { FromDeriver, ToDeriver } from './messages.js';

export interface DeriverOptions {
  store: Store;
  nativeBinding?: string;
  /** These deliveries have just been derived (in id order). */
  onDerived: (ids: number[]) => void;
  /** The worker failed; derivation continues on this thread. */
  onError?: (error: unknown) => void;
}

/** Who may write now. The receiver asks before each commit; the deriver gets a turn when it is idle. */
export interface WriteTurns {
  /** Runs `commit` now, or as soon as the deriver's turn ends. */
  receiverCommit(commit: () => void): void;
  /** The receiver has nothing queued: a waiting deriver may write now. */
  receiverIdle(): void;
}

export interface Deriver {
  turns: WriteTurns;
  /** Deliveries up to this id are committed. */
  committed(upTo: number): void;
  /** Resolves once every delivery committed so far is derived, or after `maxWaitMs`. */
  settled(maxWaitMs: number): Promise<void>;
  /** Stops deriving; what is still pending is derived at the next start (and by export meanwhile). */
  stop(): Promise<void>;
}

export function startDeriver(options: DeriverOptions): Deriver {
  const { store } = options;
  let committed = 0;
  let derived = 0;
  let stopped = false;
  let waiters: Array<{ upTo: number; resolve: () => void }> = [];
  let inline: InlineDeriver | null = null;

  // The write turn: `workerWriting` while the worker holds it; receiver commits wait in `held`.
  let workerWriting = false;
  let workerReady = false;
  let receiverQueued = false;
  const held: Array<() => void> = [];
  const grant = () => {
    if (inline || stopped || !worker) return;
    workerReady = false;
    workerWriting = true;
    worker.postMessage({ type: 'grant' } satisfies ToDeriver);
  };
  const release = () => {
    workerWriting = false;
    for (const commit of held.splice(0)) commit();
  };
  const turns: WriteTurns = {
    receiverCommit(commit) {
      receiverQueued = true; // no turn for the worker until the receiver says it is idle
      if (workerWriting) held.push(commit);
      else commit();
    },
    receiverIdle() {
      receiverQueued = false;
      if (workerReady && !workerWriting && !stopped) grant();
    },
  };

  const advance = (upTo: number) => {
    derived = Math.max(derived, upTo);
    const ready = waiters.filter((w) => w.upTo <= derived);
    if (ready.length === 0) return;
    waiters = waiters.filter((w) => w.upTo > derived);
    for (const w of ready) w.resolve();
  };
  const onMessage = (message: FromDeriver) => {
    if (message.type === 'ready') {
      workerReady = true;
      if (!receiverQueued && !workerWriting && !stopped) grant();
    } else if (message.type === 'written') {
      release();
      if (message.ids.length) options.onDerived(message.ids);
      advance(message.upTo);
    } else if (message.type === 'idle') advance(message.upTo);
    else takeOver(new Error(`deriver thread failed: ${message.message}`));
  };
  const takeOver = (error: unknown) => {
    if (inline || stopped) return;
    options.onError?.(error);
    void worker?.terminate();
    workerReady = false;
    release();
    inline = inlineDeriver(store, (ids) => ids.length && options.onDerived(ids), advance);
    inline.wake(committed);
  };

  let worker: Worker | null = null;
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
    turns,
    committed(upTo) {
      committed = Math.max(committed, upTo);
      if (inline) inline.wake(upTo);
      else worker?.postMessage({ type: 'wake', upTo } satisfies ToDeriver);
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
        for (const w of waiters) w.resolve();
        waiters = [];
        if (!inline && worker) {
          worker.ref(); // keep the process alive until the worker has closed its connection
          worker.postMessage({ type: 'stop' } satisfies ToDeriver);
        }
      }
      // A commit held for the worker's turn runs once the worker has gone (its turn ends with it).
      return (inline ? Promise.resolve() : exited).then(release);
    },
  };
  // What a killed process left pending is derived first, and reads wait for it like for new arrivals.
  deriver.committed(store.deliveries.lastPendingId());
  return deriver;
}

function spawn(file: string, nativeBinding: string | undefined): Worker {
  const workerData = { file, nativeBinding };
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
