// The waitForDelivery operation (shared/api.ts): a long poll that answers with the first delivery
// matching a search once it arrives. Spread into the service by createService. The deliveryReceived
// event only wakes the waiter; the store decides (an event can be missed, or come while the row is
// still pending), and a slow timer re-checks in case no event comes at all (a row derived later).
import type { ApiService, OpArgs, OpOutput, OpContext } from '../../../shared/api.js';
import type { DeliveryDetail } from '../../../shared/model.js';
import { readSearch } from '../../../shared/search-syntax.js';
import type { Store } from '../store/index.js';
import { waitQueries } from '../store/wait-query.js';
import type { EventBus } from '../events/event-bus.js';

export type WaitOps = Pick<ApiService, 'waitForDelivery'>;
/** The operation as it runs: after its input, the transport's "the caller has gone". */
export type WaitForDelivery = (args: OpArgs<'waitForDelivery'>, context?: OpContext) => Promise<OpOutput<'waitForDelivery'>>;

/** How often a waiter looks again without an event. */
export const RECHECK_MS = 1000;

export interface WaitDeps {
  store: Store;
  events: EventBus;
  /** The answer for a found id: the service's getDelivery, so both give the same shape. */
  detail: (id: number) => Promise<DeliveryDetail | null>;
}

export function createWaitOps({ store, events, detail }: WaitDeps): WaitOps {
  const queries = waitQueries(store.db);
  return {
    /**
     * `signal`: the transport's "the caller has gone" (HTTP: the client disconnected); the waiter is
     * released at once instead of at its timeout.
     */
    async waitForDelivery({ match, filter, after, timeoutMs }, { signal }: OpContext = {}) {
      // The input schema has already refused a search with impossible values.
      const wanted = filter ?? readSearch(match ?? '').filter;
      const baseline = after ?? queries.lastId();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const id = await waitUntil(() => queries.firstMatch(wanted, baseline), { events, until: deadline, signal });
        if (id === null) return { timedOut: true as const, after: baseline };
        const found = await detail(id);
        // Gone between the query and the read (retention): the next match, if any, is the answer.
        if (found) return found;
      }
    },
  };
}

/** Resolves with `check()`'s first non-null result, or null at `until`; rejects when `signal` aborts. */
function waitUntil(
  check: () => number | null,
  { events, until, signal }: { events: EventBus; until: number; signal: AbortSignal | undefined },
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let scheduled = false;
    let done = false;
    const end = (settle: () => void) => {
      done = true;
      off();
      clearInterval(recheck);
      clearTimeout(timeout);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const probe = () => {
      scheduled = false;
      if (done) return;
      try {
        const id = check();
        if (id !== null) end(() => resolve(id));
      } catch (error) {
        end(() => reject(error));
      }
    };
    // A burst of arrivals wakes the waiter once, after the burst's events have been handled.
    const off = events.on('deliveryReceived', () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(probe);
    });
    const onAbort = () => end(() => reject(signal!.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    const recheck = setInterval(probe, RECHECK_MS);
    const timeout = setTimeout(() => end(() => resolve(null)), Math.max(0, until - Date.now()));
    probe();
  });
}
