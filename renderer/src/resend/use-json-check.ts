// The re-send editor's JSON verdict, kept current without parsing the body on every keystroke: a
// small text is checked at once; a big one once typing pauses, in a worker, with the same parser
// (json-check.ts), so the verdicts are the same. The text is read only when it is checked.
import { useCallback, useEffect, useRef, useState } from 'react';
import { checkJson, type JsonCheck } from './json-check.js';

/** Texts up to this size are checked as they change: ingest's parser reads 64 KB in about a millisecond. */
const CHECK_AT_ONCE_CHARS = 64 * 1024;
/** A bigger text is checked once it has not changed for this long. */
const PAUSE_MS = 300;

export interface JsonChecking {
  /** The verdict; null before the first check (or when there is nothing to check). */
  check: JsonCheck | null;
  /** The text changed after that verdict: a new one follows once typing pauses. */
  stale: boolean;
  /** The text is now `length` characters long; `read` gives it when it is checked. */
  changed(length: number, read: () => string): void;
}

interface Checker {
  check(text: string): Promise<JsonCheck>;
  stop(): void;
}

export function useJsonCheck(enabled: boolean): JsonChecking {
  const [state, setState] = useState<{ check: JsonCheck | null; stale: boolean }>({ check: null, stale: false });
  const checker = useRef<Checker | null>(null);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      checker.current?.stop();
      checker.current = null;
    },
    [],
  );

  const changed = useCallback(
    (length: number, read: () => string) => {
      if (!enabled) return;
      const mine = ++latest.current;
      clearTimeout(timer.current);
      const settle = (check: JsonCheck) => {
        if (latest.current === mine) setState({ check, stale: false });
      };
      if (length <= CHECK_AT_ONCE_CHARS) return settle(checkJson(read()));
      setState((s) => (s.stale ? s : { ...s, stale: true }));
      timer.current = setTimeout(() => {
        checker.current ??= startChecker();
        void checker.current.check(read()).then(settle);
      }, PAUSE_MS);
    },
    [enabled],
  );
  return { ...(enabled ? state : { check: null, stale: false }), changed };
}

/** A worker that checks one text after another; the main thread where workers cannot start (a file:// page). */
function startChecker(): Checker {
  const here = (text: string) => new Promise<JsonCheck>((resolve) => setTimeout(() => resolve(checkJson(text)), 0));
  let worker: Worker | null;
  try {
    worker = new Worker(new URL('./json-check.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  let nextId = 0;
  const waiting = new Map<number, { text: string; resolve: (check: JsonCheck) => void }>();
  if (worker) {
    worker.onmessage = (e: MessageEvent<{ id: number; check: JsonCheck }>) => {
      waiting.get(e.data.id)?.resolve(e.data.check);
      waiting.delete(e.data.id);
    };
    // A worker that fails to load or dies: what it had, and all that follows, is checked here.
    worker.onerror = (e) => {
      e.preventDefault();
      worker?.terminate();
      worker = null;
      for (const { text, resolve } of waiting.values()) void here(text).then(resolve);
      waiting.clear();
    };
  }
  return {
    check: (text) => {
      const w = worker;
      if (!w) return here(text);
      return new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, { text, resolve });
        w.postMessage({ id, text });
      });
    },
    stop: () => worker?.terminate(),
  };
}
