// The body reader's process (body-reader.ts): its own read-only use of the store, one job at a time.
// It runs under a heap limit (--max-old-space-size), so a body that parses into more than that ends
// this process, never the app; the app then refuses that one request and starts a fresh process for
// the next. It leaves when the app does (the IPC channel closes).
import { ApiInputError } from '../../../shared/api.js';
import { parentChannel } from '../parent-channel.js';
import { openStore, type Store } from '../store/index.js';
import { runBodyJob } from './body-jobs.js';
import type { FromBodyReader, ToBodyReader } from './messages.js';
import { BodyRefusal } from './refusal.js';

const [file, nativeBinding] = process.argv.slice(2) as [string, string | undefined];
let store: Store | null = null;

const parent = parentChannel<ToBodyReader, FromBodyReader>();
const post = (message: FromBodyReader) => parent.post(message);

parent.onMessage((message) => {
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
    if (error instanceof ApiInputError)
      post({ type: 'refused', id, op: error.op, issues: error.issues, plain: error instanceof BodyRefusal });
    else if (error instanceof Error) post({ type: 'failed', id, name: error.name, message: error.stack ?? error.message });
    else post({ type: 'failed', id, name: 'Error', message: String(error) });
  }
});
parent.onGone(() => {
  store?.close();
  process.exit(0);
});
post({ type: 'ready' });
