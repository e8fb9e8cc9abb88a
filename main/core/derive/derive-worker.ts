// The deriver's thread: its own read-only use of the store; runs ingest on pending deliveries and
// sends the results to the receiver's thread, which writes them between its own commits (deriver.ts).
// It never writes, so it never holds a lock the receiver waits for. It runs under a heap limit: a body
// that would take more dies here, with this thread, and the receiver's thread finds out which (careful).
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { deriveStep } from './derive-batch.js';
import type { DeriverWorkerData, FromDeriver, ToDeriver } from './messages.js';
import { lowerThisThread } from '../thread-priority.js';

const { file, nativeBinding, nice, after, careful: carefulRows, limits } = workerData as DeriverWorkerData;
lowerThisThread(nice);
const port = parentPort!;
const store = openStore(file, nativeBinding ? { nativeBinding } : {});

/** Deliveries per batch, at most. */
const STEP_ROWS = 32;
/** Batches sent and not yet written: enough to keep the writer fed, few enough not to race ahead. */
const WINDOW = 2;
/** After a wake, wait this long for more deliveries: fewer, fuller batches. */
const GATHER_MS = 10;

let wanted = 0;
let lastRead = after;
/** Deliveries still to derive one a batch: after a crash, so that the next one names its delivery. */
let careful = carefulRows;
let inFlight = 0;
let stopped = false;
let gathering: NodeJS.Timeout | null = null;

const post = (message: FromDeriver) => port.postMessage(message);

function pump(): void {
  while (!stopped && inFlight < WINDOW) {
    const items = deriveStep(store, lastRead, careful > 0 ? 1 : STEP_ROWS, limits);
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

port.on('message', (message: ToDeriver) => {
  if (stopped && message.type !== 'stop') return;
  if (message.type === 'wake') {
    wanted = Math.max(wanted, message.upTo);
    gathering ??= setTimeout(() => {
      gathering = null;
      guarded(pump);
    }, GATHER_MS);
  } else if (message.type === 'applied') {
    inFlight--;
    guarded(pump);
  } else {
    stopped = true;
    if (gathering) clearTimeout(gathering);
    store.close();
    port.close();
  }
});
post({ type: 'ready' });
