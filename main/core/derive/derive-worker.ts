// The deriver's thread: its own connection to the store, draining pending deliveries whenever the
// receiver says it committed some. It runs at the lowest priority (Linux) so that a burst is
// acknowledged first and derived right after.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { deriveBatch } from './derive-batch.js';
import type { FromDeriver, ToDeriver } from './messages.js';

const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
const port = parentPort!;
const store = openStore(file, nativeBinding ? { nativeBinding } : {});
// On Linux, setpriority(0) applies to the calling thread only; elsewhere it would lower the whole
// app, receiver included, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    /* not permitted: run at normal priority */
  }
}

/** At shutdown the backlog is derived for at most this long; the rest waits for the next start. */
const STOP_GRACE_MS = 3_000;

/**
 * Deliveries per transaction: small, because the receiver waits for the write lock while this thread
 * holds it (about 0.25 ms of inserts per delivery).
 */
const STEP_ROWS = 8;

let wanted = 0;
let running = false;
let stopBy: number | null = null;
const stopping = () => stopBy !== null;

const post = (message: FromDeriver) => port.postMessage(message);
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function drain(): Promise<void> {
  running = true;
  try {
    for (;;) {
      const upTo = wanted;
      for (let ids = deriveBatch(store, STEP_ROWS); ids.length > 0; ids = deriveBatch(store, STEP_ROWS)) {
        post({ type: 'derived', ids });
        await turn(); // let wake and stop messages in
        if (stopBy !== null && Date.now() > stopBy) return;
      }
      post({ type: 'idle', upTo });
      if (wanted === upTo || stopping()) break;
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  } finally {
    running = false;
    if (stopping()) finish();
  }
}

function finish(): void {
  store.close();
  port.close();
}

port.on('message', (message: ToDeriver) => {
  if (message.type === 'wake') {
    wanted = Math.max(wanted, message.upTo);
    if (!running) void drain();
  } else {
    stopBy = Date.now() + STOP_GRACE_MS;
    if (!running) finish();
  }
});
