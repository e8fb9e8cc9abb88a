// Moves WAL checkpoints off the receiver's thread. SQLite's automatic checkpoint runs inside the
// commit that crosses the threshold and fsyncs the main file there, stalling that delivery and every
// one queued behind it (measured: ~2.4× fewer deliveries/s with it on the receiver's thread). A worker
// thread with its own connection (checkpoint-worker.ts) checkpoints passively instead, which never
// blocks writers, and truncates the WAL when a flood has grown it past its limit.
import type { Db } from './db.js';
import { backgroundNice } from '../thread-priority.js';
import { startWorker } from '../worker-thread.js';
import type { CheckpointWorkerData } from './checkpoint-worker.js';

export interface Checkpointer {
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  nativeBinding?: string;
  intervalMs?: number;
  /** WAL size in bytes past which the WAL is checkpointed and truncated (0: never, only passive checkpoints). */
  walLimit?: number;
}

export const DEFAULT_WAL_LIMIT = 64 * 1024 * 1024;

export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer {
  const walLimit = options.walLimit ?? DEFAULT_WAL_LIMIT;
  const workerData: CheckpointWorkerData = {
    file: db.name,
    nativeBinding: options.nativeBinding,
    nice: backgroundNice(),
    intervalMs: options.intervalMs ?? 500,
    walLimit,
  };
  const worker = startWorker(new URL('./checkpoint-worker.js', import.meta.url), { workerData });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  // When the receiver's commit restarts the WAL after a complete checkpoint, the file is cut back to
  // this size instead of keeping its peak on disk.
  if (walLimit > 0) db.pragma(`journal_size_limit = ${Math.floor(walLimit)}`);
  // Without the worker the WAL would grow without bound: hand checkpoints back to SQLite.
  const fallBack = () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', fallBack);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      if (!stopping) {
        worker.off('error', fallBack);
        worker.ref(); // keep the process alive until the worker has closed its connection
        worker.postMessage('stop');
        stopping = exited;
      }
      return stopping;
    },
  };
}
