// Which deliveries a bulk re-send, a chain replay or a HAR export takes: ids matching the inbox's
// filter, oldest first (the order they arrived in, which is the order to send them again).
import type { DeliveryFilter } from '../../../shared/api.js';
import type { Db } from './db.js';
import { scopedQuery } from './inbox-query.js';
import { prepareCached } from './statement-cache.js';

export function selectionQueries(db: Db) {
  return {
    /** Ids of the deliveries matching `filter`, oldest first, at most `limit`. */
    idsMatching(filter: DeliveryFilter, limit: number): number[] {
      const { from, params, idColumn } = scopedQuery(filter);
      return (prepareCached(db, `SELECT d.id ${from} ORDER BY ${idColumn} LIMIT ?`).all(...params, limit) as Array<{ id: number }>).map((r) => r.id);
    },
  };
}
