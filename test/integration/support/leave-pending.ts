// What a process killed right after its commits leaves behind: deliveries stored raw by the
// receiver's path (recordRaw in a group commit), not yet derived.
import type { Store } from '../../../main/core/store/index.js';

/** Stores these bodies as arrivals `firstAt`, `firstAt + 1` ms, …; returns their ids. */
export function leavePending(store: Store, bodies: Buffer[], firstAt = Date.now()): number[] {
  const ids: number[] = [];
  store.deliveries.recordBatch(
    bodies.map((body, i) => ({ body, i })),
    ({ body, i }) =>
      ids.push(
        store.deliveries.recordRaw(
          {
            receivedAt: firstAt + i,
            endpoint: 'default',
            method: 'POST',
            path: '/',
            query: '',
            remoteAddress: '127.0.0.1',
            headers: [['Content-Type', 'application/json']],
            body,
            truncated: false,
          },
          () => ({ status: 200, delayMs: 0, hung: false, reason: 'default' }),
        ).id,
      ),
    (_, error) => {
      throw error;
    },
  );
  return ids;
}
