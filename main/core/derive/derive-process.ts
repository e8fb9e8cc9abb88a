// The deriver's process: its own read-only use of the store; runs ingest on pending deliveries and
// sends the results to the receiver's thread, which writes them between its own commits (apply-schedule.ts).
// It never writes, so it never holds a lock the receiver waits for. It runs under a heap limit
// (--max-old-space-size): a body that needs more ends this process, never the app, and the receiver's
// thread finds out which delivery it was (careful). It leaves when the app does.
import { parentChannel } from '../parent-channel.js';
import { openStore, type Store } from '../store/index.js';
import { lowerThisProcess } from '../thread-priority.js';
import { deriveStep } from './derive-batch.js';
import type { DeriverStart, FromDeriver, ToDeriver } from './messages.js';

// Catch-up work: the receiver's thread is served first when the cores are busy.
lowerThisProcess();
const parent = parentChannel<ToDeriver, FromDeriver>();
const post = (message: FromDeriver) => parent.post(message);

/** Deliveries per batch, at most. */
const STEP_ROWS = 32;
/** Batches sent and not yet written: enough to keep the writer fed, few enough not to race ahead. */
const WINDOW = 2;
/**
 * After a wake, wait this long for more deliveries: fewer, fuller batches. Each batch is written in a
 * transaction of its own on the receiver's thread, and a transaction of derived rows costs ~165 µs and
 * ~10 WAL frames beyond its rows: at 1,000 deliveries a second, batches of ~30 instead of ~10 took the
 * WAL from 3.9 to 1.6–1.8 frames (16 → 7 KB) a delivery derived.
 */
const GATHER_MS = 30;

let store: Store | null = null;
let start: DeriverStart | null = null;
let wanted = 0;
let lastRead = 0;
/** Deliveries still to derive one a batch: after a crash, so that the next one names its delivery. */
let careful = 0;
let inFlight = 0;
let stopped = false;
let gathering: NodeJS.Timeout | null = null;

function pump(): void {
  // Careful, a batch is derived only once the one before is written: a message still on its way when
  // this process dies would otherwise leave the receiver's thread blaming the delivery it held.
  while (store && !stopped && inFlight < (careful > 0 ? 1 : WINDOW)) {
    const items = deriveStep(store, lastRead, careful > 0 ? 1 : STEP_ROWS, start!.limits);
    if (items.length === 0) {
      // Said only once everything sent is written, so that "derived up to" is true when it arrives.
      if (inFlight === 0) post({ type: 'idle', upTo: Math.max(wanted, lastRead) });
      return;
    }
    careful = Math.max(0, careful - items.length);
    lastRead = items[items.length - 1]!.id;
    inFlight++;
    post({ type: 'derived', items, upTo: lastRead });
  }
}

function guarded(run: () => void): void {
  try {
    run();
  } catch (error) {
    stopped = true;
    post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

function exit(): never {
  stopped = true;
  if (gathering) clearTimeout(gathering);
  store?.close();
  process.exit(0);
}

parent.onMessage((message) => {
  if (message.type === 'stop') exit();
  if (stopped) return;
  if (message.type === 'start') {
    start = message.data;
    ({ after: lastRead, careful } = start);
    // A store that cannot be opened ends this process before 'ready': the app retries later, blaming no delivery.
    store = openStore(start.file, start.nativeBinding ? { nativeBinding: start.nativeBinding } : {});
    post({ type: 'ready' });
  } else if (message.type === 'wake') {
    wanted = Math.max(wanted, message.upTo);
    gathering ??= setTimeout(() => {
      gathering = null;
      guarded(pump);
    }, GATHER_MS);
  } else {
    inFlight--;
    guarded(pump);
  }
});
parent.onGone(exit);
