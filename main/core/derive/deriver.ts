// Derives (ingests) what the receiver stored raw, on a worker thread with its own connection, so that
// the receiver's thread only stores, decides the answer and commits. If the worker cannot run (or
// stops on a bug) the same steps run on this thread between other work instead.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store/index.js';
import { deriveBatch } from './derive-batch.js';
import type { FromDeriver, ToDeriver } from './messages.js';

export interface DeriverOptions {
  store: Store;
  nativeBinding?: string;
  /** These deliveries have just been derived (in id order). */
  onDerived: (ids: number[]) => void;
  /** The worker failed; derivation continues on this thread. */
  onError?: (error: unknown) => void;
}

export interface Deriver {
  /** Deliveries up to this id are committed. */
  committed(upTo: number): void;
  /** Resolves once every delivery committed so far is derived, or after `maxWaitMs`. */
  settled(maxWaitMs: number): Promise<void>;
  /** Derives the backlog for a few seconds at most, then stops. */
  stop(): Promise<void>;
}

export function startDeriver(options: DeriverOptions): Deriver {
  let committed = 0;
  let derived = 0;
  let waiters: Array<{ upTo: number; resolve: () => void }> = [];
  let inline: InlineDeriver | null = null;

  const advance = (upTo: number) => {
    derived = Math.max(derived, upTo);
    const ready = waiters.filter((w) => w.upTo <= derived);
    if (ready.length === 0) return;
    waiters = waiters.filter((w) => w.upTo > derived);
    for (const w of ready) w.resolve();
  };
  const onMessage = (message: FromDeriver) => {
    if (message.type === 'derived') {
      options.onDerived(message.ids);
      advance(message.ids[message.ids.length - 1]!);
    } else if (message.type === 'idle') advance(message.upTo);
    else takeOver(new Error(`deriver thread failed: ${message.message}`));
  };
  const takeOver = (error: unknown) => {
    if (inline) return;
    options.onError?.(error);
    void worker.terminate();
    inline = inlineDeriver(options.store, onMessage);
    inline.wake(committed);
  };

  const worker = spawn(options.store.db.name, options.nativeBinding);
  worker.on('message', onMessage);
  worker.on('error', takeOver);
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;

  const deriver: Deriver = {
    committed(upTo) {
      committed = Math.max(committed, upTo);
      if (inline) inline.wake(upTo);
      else worker.postMessage({ type: 'wake', upTo } satisfies ToDeriver);
    },
    settled(maxWaitMs) {
      const upTo = committed;
      if (derived >= upTo) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        waiters.push({ upTo, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    stop() {
      if (!stopping) {
        if (inline) {
          inline.stop();
          stopping = Promise.resolve();
        } else {
          worker.ref(); // keep the process alive until the worker has closed its connection
          worker.postMessage({ type: 'stop' } satisfies ToDeriver);
          stopping = exited;
        }
      }
      return stopping;
    },
  };
  // What a killed process left pending is derived first, and reads wait for it like for new arrivals.
  deriver.committed(options.store.deliveries.lastPendingId());
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
function inlineDeriver(store: Store, onMessage: (m: FromDeriver) => void): InlineDeriver {
  let scheduled = false;
  let stopped = false;
  let wanted = 0;
  const step = () => {
    scheduled = false;
    if (stopped || !store.db.open) return;
    const upTo = wanted;
    let ids: number[];
    try {
      ids = deriveBatch(store, 16);
    } catch (error) {
      // A busy or failing database: the deliveries stay pending (stored, answered) and are tried again.
      console.error('deriving deliveries failed, retrying in 1 s:', error);
      setTimeout(schedule, 1_000);
      return;
    }
    if (ids.length > 0) {
      onMessage({ type: 'derived', ids });
      schedule();
    } else onMessage({ type: 'idle', upTo });
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
