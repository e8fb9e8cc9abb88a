// Vendor-retry detection without an index write per delivery. The receiver asks, for every arrival,
// "is this the same request as one in the last RETRY_WINDOW_MS?". An index on (endpoint, sha256, …)
// answered that, but each delivery then wrote a random leaf of it inside the receiver's commit: about
// 40% of the receiver's own store cost. The last window of arrivals is kept here instead, loaded from
// the store once (by received_at, an append-only index) and kept up to date by the store's writes.

/**
 * What makes two requests one delivery: same endpoint, method, path and body bytes, and the same
 * re-send mark: '' for the vendor's, `job N item M` for this app's own re-send to itself, whose
 * attempts are one group apart from the vendor's.
 */
export interface ArrivalKey {
  endpoint: string;
  method: string;
  path: string;
  sha256: string;
  mark: string;
}

/** Where to look in the store (its attempt and retry_of are read from the row, which is the truth). */
export interface RecentArrival {
  id: number;
  receivedAt: number;
}

export interface RecentArrivals {
  /** The latest arrival with this key received at or after `since`. */
  latest(key: ArrivalKey, since: number): RecentArrival | undefined;
  /** Notes an arrival; an older one than the latest of its key (an import) changes nothing. */
  note(key: ArrivalKey, arrival: RecentArrival): void;
  /** Sets (or with null, forgets) what the store says is the latest of this key. */
  replace(key: ArrivalKey, arrival: RecentArrival | null): void;
}

/** Keys kept at most: at 1,000 distinct bodies a second, 200 s, longer than the vendor's 1-minute retry interval. */
export const RECENT_CAPACITY = 200_000;

/** At most `capacity` keys are kept; the oldest go first. */
export function recentArrivals(windowMs: number, capacity = RECENT_CAPACITY): RecentArrivals {
  // A Map iterates in insertion order; a key noted again is moved to the end, so the front is oldest.
  const byKey = new Map<string, RecentArrival>();
  const keyOf = (k: ArrivalKey) => `${k.endpoint}\n${k.method}\n${k.path}\n${k.sha256}\n${k.mark}`;
  const prune = (now: number) => {
    for (const [key, a] of byKey) {
      if (byKey.size <= capacity && a.receivedAt >= now - windowMs) break;
      byKey.delete(key);
    }
  };
  return {
    latest(key, since) {
      const a = byKey.get(keyOf(key));
      return a && a.receivedAt >= since ? a : undefined;
    },
    note(key, arrival) {
      const k = keyOf(key);
      const current = byKey.get(k);
      if (current && current.receivedAt > arrival.receivedAt) return;
      byKey.delete(k);
      byKey.set(k, arrival);
      prune(arrival.receivedAt);
    },
    replace(key, arrival) {
      const k = keyOf(key);
      byKey.delete(k);
      if (arrival) byKey.set(k, arrival);
    },
  };
}
