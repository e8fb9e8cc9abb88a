// Runs prettyJson in a worker so a big body never freezes the window: the worker gets a copy of the
// body's UTF-8 and decodes it itself. Where workers cannot start (e.g. a file:// page), it runs on
// the main thread after the "formatting…" state has painted.
import { utf8Text } from '../../../shared/raw-body-text.js';
import { prettyJson, type Pretty } from './pretty-json.js';

export function formatJson(utf8: Uint8Array): { result: Promise<Pretty>; cancel(): void } {
  const worker = startWorker();
  if (!worker) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = new Promise<Pretty>((resolve) => {
      timer = setTimeout(() => resolve(prettyJson(utf8Text(utf8))), 50);
    });
    return { result, cancel: () => clearTimeout(timer) };
  }
  const w = worker;
  const result = new Promise<Pretty>((resolve) => {
    w.onmessage = (e: MessageEvent<Pretty>) => {
      resolve(e.data);
      w.terminate();
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      resolve(prettyJson(utf8Text(utf8)));
    };
  });
  // A copy of just these bytes, handed over rather than cloned (utf8 may be a view into a bigger answer).
  const copy = utf8.slice();
  w.postMessage(copy, [copy.buffer]);
  return { result, cancel: () => w.terminate() };
}

function startWorker(): Worker | null {
  try {
    return new Worker(new URL('./pretty.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}
