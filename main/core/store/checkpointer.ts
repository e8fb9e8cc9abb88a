// Moves WAL checkpoints off the receiver's thread. SQLite's automatic checkpoint runs inside the
// commit that crosses the threshold and fsyncs the main file there, stalling that delivery and every
// one queued behind it (measured: ~2.4× fewer deliveries/s with it on the receiver's thread). A worker
// thread with its own connection checkpoints passively instead, which never blocks writers.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';
import { backgroundNice } from '../thread-priority.js';

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
// Checkpoints are catch-up work (see thread-priority.ts); a refusal leaves this thread at normal priority.
if (workerData.nice !== null) try { require('node:os').setPriority(workerData.nice); } catch {}
const Database = require(workerData.module);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  // A busy database only postpones this checkpoint to the next tick.
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, options: { nativeBinding?: string; intervalMs?: number } = {}): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      nativeBinding: options.nativeBinding,
      intervalMs: options.intervalMs ?? 500,
      nice: backgroundNice(),
    },
  });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
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
