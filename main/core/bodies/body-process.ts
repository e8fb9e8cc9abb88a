// The body reader's process (body-reader.ts): its own read-only use of the store, one job at a time.
// It runs under a heap limit (--max-old-space-size), so a body that parses into more than that ends
// this process, never the app; the app then refuses that one request and starts a fresh process for
// the next. It leaves when the app does (the IPC channel closes).
import { ApiInputError } from '../../../shared/api.js';
import { openStore, type Store } from '../store/index.js';
import { runBodyJob } from './body-jobs.js';
import type { FromBodyReader, ToBodyReader } from './messages.js';
import { BodyRefusal } from './refusal.js';

const [file, nativeBinding] = process.argv.slice(2) as [string, string | undefined];
let store: Store | null = null;

/** Electron's utility process (the desktop app) talks through parentPort; Node's fork through process IPC. */
const parentPort = (process as { parentPort?: { on(event: 'message', l: (e: { data: unknown }) => void): void; postMessage(m: unknown): void } }).parentPort;
const post = (message: FromBodyReader) => (parentPort ? parentPort.postMessage(message) : process.send!(message));
const onMessage = (listener: (message: ToBodyReader) => void) =>
  parentPort ? parentPort.on('message', (e) => listener(e.data as ToBodyReader)) : process.on('message', listener);

onMessage((message) => {
  if (message.type === 'stop') {
    store?.close();
    process.exit(0);
  }
  const { id, job } = message;
  try {
    // Opened at the first job: a reader nobody asks anything of costs no connection.
    store ??= openStore(file, nativeBinding ? { nativeBinding } : {});
    post({ type: 'done', id, result: runBodyJob(store, job) });
  } catch (error) {
    if (error instanceof ApiInputError) post({ type: 'refused', id, op: error.op, issues: error.issues, plain: error instanceof BodyRefusal });
    else if (error instanceof Error) post({ type: 'failed', id, name: error.name, message: error.stack ?? error.message });
    else post({ type: 'failed', id, name: 'Error', message: String(error) });
  }
});
// The app is gone (Node's IPC channel closed; Electron ends its utility processes itself).
process.on('disconnect', () => {
  store?.close();
  process.exit(0);
});
post({ type: 'ready' });
