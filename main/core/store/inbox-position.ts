// The inbox by position, for a list as tall as its total: of the deliveries matching a filter with an
// id up to `upTo` (the newest when the inbox counted), newest first, the rows at positions p, p+1, …
// SQLite's b-trees keep no counts, so reaching position p means stepping over p rows (docs/BENCHMARKS.md
// has the costs at 1,000,000), except where ids have no gaps:
// - Unfiltered, ids normally have none (the receiver gives each delivery the last id + 1; retention
//   deletes the oldest), and then position p is id upTo − p: a look-up. Whether they have none is one
//   COUNT against the smallest and largest id, kept while only newer rows arrive (checked by stepping
//   over those alone), counted again after a deletion (the store's only one is `removeDeliveries`,
//   which says so) or once the oldest id changed. An import takes only free ids: it can leave a gap
//   only above or below the range known to have none.
// - Otherwise the rows are stepped over, down or up, from whichever is nearest: the newest, the oldest
//   (when the caller says how many match), or a row the caller already holds (its position and id).
import type { DeliveryFilter, InboxCount } from '../../../shared/api.js';
import type { DeliverySummary } from '../../../shared/model.js';
import type { Db } from './db.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './delivery-view.js';
import { countDeliveries, matchesAll, scopedQuery } from './inbox-query.js';
import { prepareCached } from './statement-cache.js';

/** How long a finding that ids have gaps is trusted: an import may fill them. */
const GAPS_RECHECK_MS = 60_000;

/** A row the caller holds: where it is and which delivery. */
export interface KnownRow {
  position: number;
  id: number;
}

export interface PositionRequest {
  filter: DeliveryFilter;
  upTo: number;
  position: number;
  limit: number;
  /** How many match up to `upTo`, as the caller counted: the oldest is then at total − 1. */
  total?: number;
  near?: readonly KnownRow[];
}

/** Where to step from: rows below `id` going down (newest first) or above it going up, skipping `skip`. */
type Start = { down: true; id: number; skip: number } | { down: false; id: number; skip: number; take: number };

/** The inbox's count, and its rows by position. */
export interface InboxPositions {
  /** The rows at `position`, `position + 1`, … of those matching, newest first. */
  at(request: PositionRequest): DeliverySummary[];
  /** Deliveries were deleted: the ids may have gaps now. */
  removed(): void;
  /** How many match, the newest id, and given `newerThan` how many of those are newer than it. */
  count(filter: DeliveryFilter, newerThan?: number): InboxCount;
}

export function inboxPositions(db: Db, now: () => number = Date.now): InboxPositions {
  const ends = db.prepare<[], { low: number | null; high: number | null }>(
    // Each a look-up at one end of the id b-tree (min() and max() together in one SELECT would scan).
    'SELECT (SELECT MIN(id) FROM deliveries) AS low, (SELECT MAX(id) FROM deliveries) AS high',
  );
  // COUNT(*) without a WHERE counts the cells of the smallest index's pages (~27 ms at 1,000,000).
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM deliveries');
  const countAbove = db.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM deliveries WHERE id > ? AND id <= ?');
  let gapless: { low: number; high: number; dense: boolean; at: number } | null = null;

  /** The ids from low to high, every one stored; null when the store has gaps. */
  function noGaps(): { low: number; high: number } | null {
    const { low, high } = ends.get()!;
    if (low === null || high === null) return null;
    const known = gapless;
    if (known && known.low === low) {
      if (!known.dense && now() - known.at < GAPS_RECHECK_MS) return null;
      if (known.dense && known.high === high) return known;
      // Only newer rows came: they leave no gap if they fill the ids above the last known.
      if (known.dense && high > known.high && countAbove.get(known.high, high)!.n === high - known.high) {
        known.high = high;
        return known;
      }
    }
    gapless = { low, high, dense: countAll.get()!.n === high - low + 1, at: now() };
    return gapless.dense ? gapless : null;
  }

  function nearestStart({ upTo, position, limit, total, near = [] }: PositionRequest): Start {
    const last = position + limit - 1;
    const starts: Array<{ cost: number; start: Start }> = [{ cost: position, start: { down: true, id: upTo + 1, skip: position } }];
    if (total !== undefined && total > position) {
      const take = Math.min(limit, total - position);
      starts.push({ cost: total - position - take, start: { down: false, id: 0, skip: total - position - take, take } });
    }
    for (const k of near) {
      if (k.position < position)
        starts.push({ cost: position - k.position - 1, start: { down: true, id: k.id, skip: position - k.position - 1 } });
      else if (k.position > last)
        starts.push({ cost: k.position - last - 1, start: { down: false, id: k.id, skip: k.position - last - 1, take: limit } });
    }
    return starts.reduce((a, b) => (b.cost < a.cost ? b : a)).start;
  }

  function page({ filter, upTo, position, limit, total, near }: PositionRequest): DeliverySummary[] {
    const range = matchesAll(filter) ? noGaps() : null;
    if (range && upTo >= range.low && upTo <= range.high) {
      const { from, params } = scopedQuery(filter, { beforeId: upTo - position + 1 });
      return summaries(`SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY d.id DESC LIMIT ?`, [...params, limit]);
    }
    const start = nearestStart({ filter, upTo, position, limit, ...(total !== undefined && { total }), ...(near && { near }) });
    if (start.down) {
      const { from, params, idColumn } = scopedQuery(filter, { beforeId: Math.min(start.id, upTo + 1) });
      return summaries(`SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY ${idColumn} DESC LIMIT ? OFFSET ?`, [...params, limit, start.skip]);
    }
    const { from, params, idColumn } = scopedQuery(filter, { afterId: start.id, beforeId: upTo + 1 });
    return summaries(`SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY ${idColumn} LIMIT ? OFFSET ?`, [
      ...params,
      start.take,
      start.skip,
    ]).reverse();
  }

  function summaries(sql: string, params: unknown[]): DeliverySummary[] {
    return (prepareCached(db, sql).all(...params) as SummaryRow[]).map(toSummary);
  }

  return {
    at: page,
    /** Deliveries were deleted: the ids may have gaps now. */
    removed() {
      gapless = null;
    },
    /**
     * How many match, with the newest id stored (every one counted is at most it) and, given
     * `newerThan`, how many of those counted are newer than it: how far rows placed by an earlier
     * count moved down. Statements run back to back on the one connection, so nothing lands between.
     */
    count(filter: DeliveryFilter, newerThan?: number): InboxCount {
      const { low, high } = ends.get()!;
      const newestId = high ?? 0;
      const total = countDeliveries(db, filter);
      // The inbox counts before it asks for rows: counting every delivery tells whether ids have gaps, for free.
      if (low !== null && high !== null && matchesAll(filter)) gapless = { low, high, dense: total === high - low + 1, at: now() };
      return newerThan === undefined
        ? { total, newestId }
        : { total, newestId, newer: countDeliveries(db, filter, { afterId: newerThan }) };
    },
  };
}
