// Which deliveries a bulk re-send, a chain replay or an export takes: ids matching the inbox's filter,
// oldest first (the order they arrived in, which is the order to send them again), and how many.
import type { DeliveryFilter } from '../../../shared/api.js';
import type { Db } from './db.js';
import { scopedQuery } from './inbox-query.js';
import { prepareCached } from './statement-cache.js';
import type { SelectionQueries } from './store-interface.js';

export function selectionQueries(db: Db): SelectionQueries {
  return {
    /** Ids of the deliveries matching `filter`, oldest first, at most `limit`; only ids above `afterId` when given (paging). */
    idsMatching(filter: DeliveryFilter, limit: number, afterId: number | null = null): number[] {
      const { from, params, idColumn } = scopedQuery(filter, { afterId });
      return (prepareCached(db, `SELECT d.id ${from} ORDER BY ${idColumn} LIMIT ?`).all(...params, limit) as Array<{ id: number }>).map(
        (r) => r.id,
      );
    },
    /**
     * The deliveries matching `filter` in arrival order (receivedAt, then id: an import keeps old
     * times under new ids), at most `limit`, after `after` when given: a fixture folder's order.
     */
    arrivalsMatching(
      filter: DeliveryFilter,
      limit: number,
      after: { receivedAt: number; id: number } | null,
    ): Array<{ id: number; receivedAt: number }> {
      const { from, params } = scopedQuery(filter, { arrivedAfter: after });
      return prepareCached(db, `SELECT d.id, d.received_at AS receivedAt ${from} ORDER BY d.received_at, d.id LIMIT ?`).all(
        ...params,
        limit,
      ) as Array<{ id: number; receivedAt: number }>;
    },
    /** How many deliveries match `filter`: what a bulk re-send or an export of it takes. */
    countMatching(filter: DeliveryFilter): number {
      const { from, params } = scopedQuery(filter);
      return (prepareCached(db, `SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
    },
  };
}
