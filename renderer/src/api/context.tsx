// Hands the connection to components, and small hooks for the two things they do with it.
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { ApiEvents, EventName } from '../../../shared/api.js';
import type { Connection } from './connection.js';

const ConnectionContext = createContext<Connection | null>(null);
export const ConnectionProvider = ConnectionContext.Provider;

export function useConnection(): Connection {
  const c = useContext(ConnectionContext);
  if (!c) throw new Error('useConnection outside ConnectionProvider');
  return c;
}

export const useApi = () => useConnection().api;

/** Calls `listener` with each batch of `event`; the latest listener is used without resubscribing. */
export function useEventBatches<E extends EventName>(event: E, listener: (batch: Array<ApiEvents[E]>) => void): void {
  const connection = useConnection();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => connection.on(event, (batch) => latest.current(batch)), [connection, event]);
}

export type AsyncState<T> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; value: T };

/** Runs `load` whenever `deps` (what `load` reads) change; results of superseded runs are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) => current && setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
    // The caller names what `load` reads (`deps`), as useMemo's callers do: a new `load` each render is expected.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
