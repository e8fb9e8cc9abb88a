// Vendor-retry detection without an index write per delivery. The receiver asks, for every arrival,
// "is this the same request as one in the last RETRY_WINDOW_MS?". An index on (endpoint, sha256, …)
// answered that, but each delivery then wrote a random leaf of it inside the receiver's commit: about
// 40% of the receiver's own store cost. The last arrivals are kept here instead, loaded from the store
// once (by received_at, an append-only index) and kept up to date by the store's writes.
//
// Kept in typed arrays, 32 bytes an arrival whatever its path or body: a Map keyed by strings (the
// body's sha256 in hex among them) held ~365 bytes of heap a key, 73 MB at 200,000 keys, and grew
// the receiver's heap, its GC pauses and its RSS with every arrival of the last minutes. A key is
// known here by a 64-bit fingerprint; two requests that share one are told apart by the store, which
// the caller asks anyway (retry-position.ts), so a collision costs a look-up, never a wrong answer.

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
  /** The latest arrival with this key received at or after `since`, or one with a key of the same fingerprint. */
  latest(key: ArrivalKey, since: number): RecentArrival | undefined;
  /** Notes an arrival; an older one than the latest of its key (an import) changes nothing. */
  note(key: ArrivalKey, arrival: RecentArrival): void;
  /** Sets (or with null, forgets) what the store says is the latest of this key. */
  replace(key: ArrivalKey, arrival: RecentArrival | null): void;
}

/** Bytes the window holds at most: a ring of arrivals (24 bytes each) and an index over it (2 slots of 4 bytes each). */
export const RECENT_BYTES = 8 * 1024 * 1024;
const BYTES_PER_ARRIVAL = 24 + 2 * 4;
/** Arrivals kept at most: at 1,000 distinct bodies a second, 262 s, longer than the vendor's 1-minute retry interval. */
export const RECENT_CAPACITY = Math.floor(RECENT_BYTES / BYTES_PER_ARRIVAL);

/**
 * A ring of the last `capacity` arrivals (oldest overwritten first) and an open-addressing index from
 * a key's fingerprint to its latest arrival in the ring. Arrivals older than `windowMs` before the
 * newest noted one are not found.
 */
export function recentArrivals(windowMs: number, capacity = RECENT_CAPACITY): RecentArrivals {
  const hi = new Int32Array(capacity);
  const lo = new Int32Array(capacity);
  const ids = new Float64Array(capacity);
  const times = new Float64Array(capacity);
  // Index slots hold a ring position + 1 (0: empty), at most half full so that probes stay short.
  const size = 2 ** Math.ceil(Math.log2(capacity * 2));
  const mask = size - 1;
  const slots = new Int32Array(size);
  /** The next ring position to write, and how many are written (until the ring is full). */
  let head = 0;
  let filled = 0;
  let newest = -Infinity;

  // Set by fingerprint(), read right after: two numbers without an allocation per arrival.
  let fpHi = 0;
  let fpLo = 0;
  const fingerprint = (k: ArrivalKey) => {
    // Two 32-bit string hashes (FNV-1a and a multiply-xorshift) over every part of the key.
    let a = 0x811c9dc5;
    let b = 0x01000193;
    const fold = (s: string) => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
      }
      a = Math.imul(a ^ 10, 0x01000193);
      b = Math.imul(b ^ 10, 0x5bd1e995) ^ (b >>> 15);
    };
    fold(k.sha256);
    fold(k.endpoint);
    fold(k.method);
    fold(k.path);
    fold(k.mark);
    fpHi = a | 0;
    fpLo = b | 0;
  };
  /** The index slot of the current fingerprint, or of the empty slot where it would go. */
  const find = () => {
    let s = (fpLo ^ (fpHi >>> 7)) & mask;
    for (;;) {
      const p = slots[s]! - 1;
      if (p < 0 || (hi[p] === fpHi && lo[p] === fpLo)) return s;
      s = (s + 1) & mask;
    }
  };
  /** Empties slot `s`, moving later entries of its probe run back (no tombstones, probes stay short). */
  const remove = (s: number) => {
    let hole = s;
    for (let next = (s + 1) & mask; slots[next] !== 0; next = (next + 1) & mask) {
      const p = slots[next]! - 1;
      const home = (lo[p]! ^ (hi[p]! >>> 7)) & mask;
      // It moves into the hole unless its home lies after the hole (then the hole is not on its probe path).
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        slots[hole] = slots[next]!;
        hole = next;
      }
    }
    slots[hole] = 0;
  };
  /** Writes the current fingerprint's arrival at the ring's head and points slot `s` at it. */
  const append = (arrival: RecentArrival) => {
    if (filled === capacity) {
      // The oldest arrival is overwritten: forget it unless a newer one of its key took its place.
      const fh = fpHi;
      const fl = fpLo;
      fpHi = hi[head]!;
      fpLo = lo[head]!;
      const old = find();
      if (slots[old] === head + 1) remove(old);
      fpHi = fh;
      fpLo = fl;
    } else filled++;
    hi[head] = fpHi;
    lo[head] = fpLo;
    ids[head] = arrival.id;
    times[head] = arrival.receivedAt;
    slots[find()] = head + 1;
    head = (head + 1) % capacity;
    if (arrival.receivedAt > newest) newest = arrival.receivedAt;
  };

  return {
    latest(key, since) {
      fingerprint(key);
      const p = slots[find()]! - 1;
      if (p < 0) return undefined;
      const at = times[p]!;
      return at >= since && at >= newest - windowMs ? { id: ids[p]!, receivedAt: at } : undefined;
    },
    note(key, arrival) {
      fingerprint(key);
      const p = slots[find()]! - 1;
      if (p >= 0 && times[p]! > arrival.receivedAt) return;
      append(arrival);
    },
    replace(key, arrival) {
      fingerprint(key);
      if (arrival) return append(arrival);
      const s = find();
      if (slots[s] !== 0) remove(s);
    },
  };
}
