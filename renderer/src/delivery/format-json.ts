// Runs prettyJson in a worker so a big body never freezes the window; where workers cannot start
// (e.g. a file:// page), it runs on the main thread after the "formatting…" state has painted.
import { prettyJson, type Pretty } from './pretty-json.js';

export function formatJson(text: string): { result: Promise<Pretty>; cancel(): void } {
  const worker = startWorker();
  if (!worker) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = new Promise<Pretty>((resolve) => {
      timer = setTimeout(() => resolve(prettyJson(text)), 50);
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
      resolve(prettyJson(text));
    };
  });
  w.postMessage(text);
  return { result, cancel: () => w.terminate() };
}

function startWorker(): Worker | null {
  try {
    return new Worker(new URL('./pretty.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}
