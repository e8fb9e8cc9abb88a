// The deriver's thread: its own connection to the store; runs ingest on pending deliveries, then
// writes the results when the receiver's thread gives it the write turn (messages.ts). It runs at
// normal priority on purpose: while it holds the turn the receiver's commits wait, so a thread the
// OS starves (a lowered priority on a busy laptop) would hold up acknowledgements.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { deriveStep, type Derived } from './derive-batch.js';
import type { FromDeriver, ToDeriver } from './messages.js';

const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
const port = parentPort!;
const store = openStore(file, nativeBinding ? { nativeBinding } : {});

/** Deliveries per write turn, at most: the receiver holds its commits meanwhile (~0.1 ms each). */
const STEP_ROWS = 32;
/**
 * After a wake, wait this long for more deliveries before asking for a turn: fewer, fuller turns
 * (a transaction per turn is most of a small turn's cost) at the price of a little visibility delay.
 */
const GATHER_MS = 10;

let wanted = 0;
let lastDerived = 0;
let ready: Derived[] | null = null;
let stopped = false;

const post = (message: FromDeriver) => port.postMessage(message);

function prepare(): void {
  if (stopped || ready) return;
  const items = deriveStep(store, lastDerived, STEP_ROWS);
  if (items.length === 0) return post({ type: 'idle', upTo: wanted });
  ready = items;
  post({ type: 'ready' });
}

let failedWrites = 0;

function write(): void {
  const items = ready ?? [];
  ready = null;
  let ids: number[] = [];
  try {
    ids = items.length ? store.deliveries.applyDerivedBatch(items) : [];
    failedWrites = 0;
  } catch (error) {
    // Tried again at the next turn; a batch that keeps failing is left pending for the next start.
    if (++failedWrites < 3) {
      post({ type: 'written', ids: [], upTo: lastDerived });
      return;
    }
    failedWrites = 0;
    console.error('deriver: could not write a batch, left pending:', error);
  }
  if (items.length) lastDerived = items[items.length - 1]!.id;
  post({ type: 'written', ids, upTo: lastDerived });
}

function guarded(run: () => void): void {
  try {
    run();
  } catch (error) {
    stopped = true;
    post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

let gathering: NodeJS.Timeout | null = null;

port.on('message', (message: ToDeriver) => {
  if (stopped && message.type !== 'stop') return;
  if (message.type === 'wake') {
    wanted = Math.max(wanted, message.upTo);
    gathering ??= setTimeout(() => {
      gathering = null;
      guarded(prepare);
    }, GATHER_MS);
  } else if (message.type === 'grant') {
    guarded(() => {
      write();
      prepare();
    });
  } else {
    stopped = true;
    if (gathering) clearTimeout(gathering);
    store.close();
    port.close();
  }
});
