// The checkpointer's process (checkpointer.ts): its own connection to the store, checkpointing the WAL
// so that the receiver's commits never do. It leaves when the app does.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parentChannel } from '../parent-channel.js';
import { lowerThisProcess } from '../thread-priority.js';

/** What the app sends: only the order to stop. */
export type ToCheckpointer = { type: 'stop' };
/** A checkpoint that failed for another reason than a busy store (the first of a run of failures). */
export type FromCheckpointer = { type: 'failed'; message: string };

/** How often the WAL's size is looked at: a flood can add ~80 MB a second. */
const WATCH_MS = 100;

const [file, nativeBinding, intervalArg, walLimitArg] = process.argv.slice(2) as [string, string, string, string];
/** How often to checkpoint passively. */
const intervalMs = Number(intervalArg);
/** WAL size past which a truncating checkpoint runs (0: never). */
const walLimit = Number(walLimitArg);

// Checkpoints are catch-up work (see thread-priority.ts).
lowerThisProcess();
const parent = parentChannel<ToCheckpointer, FromCheckpointer>();
const db = new Database(file, nativeBinding ? { nativeBinding } : {});
// A truncating checkpoint waits this long, at most, for the receiver's commit and readers to finish.
db.pragma('busy_timeout = 1000');
const wal = `${file}-wal`;

const walSize = (): number => {
  try {
    return statSync(wal).size;
  } catch {
    return 0; // none yet, or just truncated
  }
};

/** Checkpoints when it is time to; whether it did. */
const checkpoint = (): boolean => {
  // A passive checkpoint never blocks the receiver, but under a steady flood it never catches up
  // with the end of the WAL either, so the WAL is never restarted and grows without bound (7.3 GB
  // in 90 s). Past the limit, a blocking checkpoint holds the receiver's commits back while it runs,
  // once per limit's worth of WAL. While deliveries arrive it is RESTART: the receiver's next commit
  // then writes from the WAL's start and cuts the file back to the limit (journal_size_limit).
  // TRUNCATE empties the file itself, under the lock: ~40 ms a time for 64 MiB against RESTART's
  // ~8 ms, which had put the p99 of every run at 1,000 req/s in those stalls (BENCHMARKS, session 9).
  // Once nothing was written for a tick, no commit is there to restart the WAL or to be held back:
  // TRUNCATE empties it.
  const size = walSize();
  if (walLimit > 0 && size > walLimit) {
    if (size === lastSize) db.pragma('wal_checkpoint(TRUNCATE)');
    else {
      // The passive pass copies what it can without blocking anyone, so that the blocking one has
      // only the last frames left to copy.
      db.pragma('wal_checkpoint(PASSIVE)');
      db.pragma('wal_checkpoint(RESTART)');
    }
    lastSize = walSize();
    sincePassive = 0;
    return true;
  }
  lastSize = size;
  sincePassive += WATCH_MS;
  if (sincePassive < intervalMs) return false;
  sincePassive = 0;
  db.pragma('wal_checkpoint(PASSIVE)');
  return true;
};

let sincePassive = 0;
/** The WAL's size at the last tick: unchanged since, nothing was written. */
let lastSize = -1;
/** A failure is reported once, not every tick it lasts (a full disk), and again after a success. */
let failing = false;
const timer = setInterval(() => {
  try {
    if (checkpoint()) failing = false;
  } catch (error) {
    // A busy store only postpones this checkpoint to the next tick.
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || failing) return;
    failing = true;
    parent.post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}, WATCH_MS);

const exit = (): never => {
  clearInterval(timer);
  db.close();
  process.exit(0);
};
parent.onMessage(exit);
parent.onGone(exit);
