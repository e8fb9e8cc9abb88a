// The inbox's rows as data, for a list as tall as its total: the rows by position (0: the newest)
// under an anchor, the count they are placed by, and above them the arrivals since that count. A count
// says how many match up to the newest id it saw (`newestId`) and how many of those are newer than
// the previous count's: that many rows went in on top, so every row held moves down by that many,
// whatever happened further down (retention deleting the oldest). Rows that may no longer be where
// they were held (a count that does not add up, or none to compare with) stay shown and are fetched
// again.
import type { InboxCount } from '../../../shared/api.js';
import type { DeliverySummary } from '../../../shared/model.js';

/** A count, with the `newerThan` it was asked with. */
export type Counted = InboxCount & { newerThan?: number };

/** A request for rows by position: the first missing one in the range wanted, and the rows held nearest it. */
export interface Wanted {
  position: number;
  limit: number;
  near: Array<{ position: number; id: number }>;
}

export interface InboxRows {
  /** The anchor's count: rows up to `newestId`, `total` of them. Null until the first count. */
  readonly anchor: { newestId: number; total: number } | null;
  /** Rows in the list: the arrivals on top, then the anchor's (before the first count, the rows held). */
  length(): number;
  /** The row at a list index, or undefined where it is not fetched yet. */
  at(index: number): DeliverySummary | undefined;
  /** The list index of a delivery held, or -1. */
  indexOf(id: number): number;
  /** Every row held. */
  held(): DeliverySummary[];
  /** How many rows went in on top so far: a list scrolled down moves by the difference, so that its rows stay put. */
  readonly insertedAbove: number;
  /** Places a count; rows it says moved are moved. */
  applyCount(count: Counted): void;
  /** Rows from the newest on, fetched before any count (the first page, shown while counting). */
  applyFirstPage(rows: DeliverySummary[]): void;
  /**
   * Rows fetched at `position` under the anchor with newestId `upTo` (`limit` asked for; fewer: the
   * rows end there until the next count); dropped when the anchor has moved since.
   */
  applyPage(upTo: number, position: number, limit: number, rows: DeliverySummary[]): void;
  /** Arrivals that match the filter: newer than the anchor, they go on top; otherwise they replace the row held (it was read since). */
  applyArrivals(rows: DeliverySummary[]): void;
  /** What to fetch for list indexes first..last (a row held but not yet placed by the current anchor counts as missing); null before the first count. */
  wanted(first: number, last: number, limit: number): Wanted | null;
  /** Forgets rows far from list indexes first..last once more than `keep` are held. */
  trim(first: number, last: number, keep: number): void;
}

export function createInboxRows(): InboxRows {
  let anchor: { newestId: number; total: number } | null = null;
  /** Arrivals newer than the anchor, newest (highest id) first. */
  let head: DeliverySummary[] = [];
  let byPosition = new Map<number, DeliverySummary>();
  /** Positions held whose rows the current anchor has not confirmed. */
  let unsure = new Set<number>();
  let insertedAbove = 0;
  /** Where a page came back short under this anchor: nothing is fetched past it (deleted since the count). */
  let end = Infinity;

  const bodyLength = () => (anchor ? anchor.total : byPosition.size);

  function markAllUnsure() {
    unsure = new Set(byPosition.keys());
  }

  return {
    get anchor() {
      return anchor;
    },
    get insertedAbove() {
      return insertedAbove;
    },
    length: () => head.length + bodyLength(),
    at(index) {
      return index < head.length ? head[index] : byPosition.get(index - head.length);
    },
    indexOf(id) {
      const i = head.findIndex((r) => r.id === id);
      if (i >= 0) return i;
      for (const [position, row] of byPosition) if (row.id === id) return head.length + position;
      return -1;
    },
    held: () => [...head, ...byPosition.values()],

    applyCount(count) {
      const moved = head.filter((r) => r.id <= count.newestId);
      head = head.filter((r) => r.id > count.newestId);
      const k = anchor && count.newerThan === anchor.newestId ? count.newer : undefined;
      if (anchor && k !== undefined) {
        const shifted = new Map<number, DeliverySummary>();
        for (const [position, row] of byPosition) if (position + k < count.total) shifted.set(position + k, row);
        unsure = new Set([...unsure].map((p) => p + k).filter((p) => shifted.has(p)));
        // The arrivals held are those k only when none was missed (a skipped event, a filter only the server matches).
        if (moved.length === k) moved.forEach((row, i) => shifted.set(i, row));
        else insertedAbove += k - moved.length;
        byPosition = shifted;
        // Other changes than the arrivals (deletions, rows read since that match now) may have moved any row.
        if (count.total !== anchor.total + k) markAllUnsure();
      } else {
        for (const position of byPosition.keys()) if (position >= count.total) byPosition.delete(position);
        markAllUnsure();
      }
      anchor = { newestId: count.newestId, total: count.total };
      end = Infinity;
    },

    applyFirstPage(rows) {
      if (anchor) return;
      byPosition = new Map(rows.map((row, i) => [i, row]));
      // Arrivals announced while it was on its way are in it.
      head = head.filter((r) => r.id > (rows[0]?.id ?? 0));
      markAllUnsure();
    },

    applyPage(upTo, position, limit, rows) {
      if (!anchor || anchor.newestId !== upTo) return;
      if (rows.length < limit) end = Math.min(end, position + rows.length);
      rows.forEach((row, i) => {
        byPosition.set(position + i, row);
        unsure.delete(position + i);
      });
    },

    applyArrivals(rows) {
      const newest = anchor?.newestId ?? byPosition.get(0)?.id ?? 0;
      const fresh = new Map<number, DeliverySummary>();
      for (const row of rows) {
        if (row.id > newest) fresh.set(row.id, row);
        else for (const [position, held] of byPosition) if (held.id === row.id) byPosition.set(position, row);
      }
      if (!fresh.size) return;
      const added = [...fresh.keys()].filter((id) => !head.some((r) => r.id === id)).length;
      head = [...head.filter((r) => !fresh.has(r.id)), ...fresh.values()].sort((a, b) => b.id - a.id);
      insertedAbove += added;
    },

    wanted(first, last, limit) {
      const from = Math.max(0, first - head.length);
      if (!anchor) return null;
      const to = Math.min(bodyLength(), end, last - head.length + 1) - 1;
      let position = -1;
      for (let p = from; p <= to; p++) {
        if (!byPosition.has(p) || unsure.has(p)) {
          position = p;
          break;
        }
      }
      if (position < 0) return null;
      const lastAsked = position + limit - 1;
      let above: { position: number; id: number } | null = null;
      let below: { position: number; id: number } | null = null;
      for (const [p, row] of byPosition) {
        if (unsure.has(p)) continue;
        if (p < position && (!above || p > above.position)) above = { position: p, id: row.id };
        if (p > lastAsked && (!below || p < below.position)) below = { position: p, id: row.id };
      }
      return { position, limit, near: [above, below].filter((k) => k !== null) };
    },

    trim(first, last, keep) {
      if (byPosition.size <= keep) return;
      const from = first - head.length - keep / 2;
      const to = last - head.length + keep / 2;
      for (const position of byPosition.keys()) {
        if (position < from || position > to) {
          byPosition.delete(position);
          unsure.delete(position);
        }
      }
    },
  };
}
