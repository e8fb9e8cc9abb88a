// The checkpointer's thread (checkpointer.ts): its own connection to the store, checkpointing the WAL
// so that the receiver's commits never do.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThisThread } from '../thread-priority.js';

export interface CheckpointWorkerData {
  file: string;
  nativeBinding?: string | undefined;
  nice: number | null;
  /** How often to checkpoint passively. */
  intervalMs: number;
  /** WAL size past which a truncating checkpoint runs (0: never). */
  walLimit: number;
}

/** How often the WAL's size is looked at: a flood can add ~80 MB a second. */
const WATCH_MS = 100;

const data = workerData as CheckpointWorkerData;
// Checkpoints are catch-up work (see thread-priority.ts).
lowerThisThread(data.nice);
const db = new Database(data.file, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
// A truncating checkpoint waits this long, at most, for the receiver's commit and readers to finish.
db.pragma('busy_timeout = 1000');
const wal = `${data.file}-wal`;

const walSize = (): number => {
  try {
    return statSync(wal).size;
  } catch {
    return 0; // none yet, or just truncated
  }
};

let sincePassive = 0;
const timer = setInterval(() => {
  try {
    // A passive checkpoint never blocks the receiver, but under a steady flood it never catches up
    // with the end of the WAL either, so the WAL is never restarted and grows without bound (7.3 GB
    // in 90 s). Past the limit, TRUNCATE waits for the writer and the readers, copies everything and
    // empties the file: the receiver's next commit waits for it, once per limit's worth of WAL.
    if (data.walLimit > 0 && walSize() > data.walLimit) {
      // The passive pass copies what it can without blocking anyone, so that the truncating one,
      // which holds writers back while it runs, has only the last frames left to copy.
      db.pragma('wal_checkpoint(PASSIVE)');
      db.pragma('wal_checkpoint(TRUNCATE)');
      sincePassive = 0;
      return;
    }
    sincePassive += WATCH_MS;
    if (sincePassive < data.intervalMs) return;
    sincePassive = 0;
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy database only postpones this checkpoint to the next tick.
  }
}, WATCH_MS);

parentPort!.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
