// Read-only queries for waiting on a delivery (the waitForDelivery operation, the `wait` command):
// the first delivery after a baseline id that matches a filter, in arrival (id) order; and a
// read-only opening of the data file for a process that waits beside the one writing it.
import type { DeliveryFilter } from '../../../shared/api.js';
import type { Db } from './db.js';
import { scopedQuery } from './inbox-query.js';
import { prepareCached } from './statement-cache.js';

/**
 * A delivery is recorded first and derived (kind, calls, search text) a moment later. A row still
 * `pending` holds back every match after it, so that "the first match after id N" never skips a row
 * that had not yet been read; a row pending this long is taken as stuck (its process died) and
 * stops holding back the others.
 */
export const PENDING_HOLD_MS = 30_000;

export function waitQueries(db: Db) {
  const lastId = db.prepare<[], { id: number | null }>(`SELECT MAX(id) AS id FROM deliveries`);
  // The partial index deliveries_pending keeps this a look-up among the few pending rows.
  const firstPending = db.prepare<[number, number], { id: number | null }>(
    `SELECT MIN(id) AS id FROM deliveries WHERE kind = 'pending' AND id > ? AND received_at >= ?`,
  );

  return {
    /** The newest delivery's id, 0 when there is none: the baseline for "arriving from now on". */
    lastId: (): number => lastId.get()?.id ?? 0,

    /** The first derived delivery with id > `afterId` matching `filter`, or null (none yet). */
    firstMatch(filter: DeliveryFilter, afterId: number, now = Date.now()): number | null {
      const held = firstPending.get(afterId, now - PENDING_HOLD_MS)?.id ?? null;
      // With a bound, scopedQuery always writes a WHERE clause, so more conditions follow with AND.
      const { from, params, idColumn } = scopedQuery(filter, { beforeId: held ?? Number.MAX_SAFE_INTEGER });
      const row = prepareCached(db, `SELECT d.id ${from} AND ${idColumn} > ? AND d.kind != 'pending' ORDER BY ${idColumn} LIMIT 1`).get(
        ...params,
        afterId,
      ) as { id: number } | undefined;
      return row?.id ?? null;
    },
  };
}
