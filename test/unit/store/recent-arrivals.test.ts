// The in-memory window of arrivals that vendor-retry detection reads (store/recent-arrivals.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RECENT_BYTES,
  RECENT_CAPACITY,
  recentArrivals,
  type ArrivalKey,
  type RecentArrival,
} from '../../../main/core/store/recent-arrivals.js';

const key = (sha256: string, path = '/') => ({ endpoint: 'default', method: 'POST', path, sha256, mark: '' });

describe('recent arrivals', () => {
  it('finds the latest arrival of the same request within the window, and nothing outside it', () => {
    const recent = recentArrivals(60_000);
    recent.note(key('a'), { id: 1, receivedAt: 1_000 });
    recent.note(key('a'), { id: 2, receivedAt: 61_000 });
    expect(recent.latest(key('a'), 2_000)).toEqual({ id: 2, receivedAt: 61_000 });
    expect(recent.latest(key('a'), 62_000)).toBeUndefined();
    expect(recent.latest(key('a', '/other'), 0)).toBeUndefined();
    expect(recent.latest({ ...key('a'), method: 'PUT' }, 0)).toBeUndefined();
    // This app's own re-send of the same body is a request of its own.
    expect(recent.latest({ ...key('a'), mark: 'job 1 item 0' }, 0)).toBeUndefined();
  });

  it('keeps the newer arrival when an older one of the same request is noted later (an import)', () => {
    const recent = recentArrivals(60_000);
    recent.note(key('a'), { id: 5, receivedAt: 10_000 });
    recent.note(key('a'), { id: 6, receivedAt: 9_000 });
    expect(recent.latest(key('a'), 0)?.id).toBe(5);
  });

  it('forgets what fell out of the window and, past its capacity, the oldest first', () => {
    const recent = recentArrivals(60_000, 3);
    recent.note(key('a'), { id: 1, receivedAt: 0 });
    recent.note(key('b'), { id: 2, receivedAt: 1 });
    recent.note(key('a'), { id: 3, receivedAt: 2 }); // a is now the newest key
    recent.note(key('c'), { id: 4, receivedAt: 3 });
    recent.note(key('d'), { id: 5, receivedAt: 4 });
    expect(recent.latest(key('b'), 0)).toBeUndefined();
    expect([recent.latest(key('a'), 0)?.id, recent.latest(key('c'), 0)?.id, recent.latest(key('d'), 0)?.id]).toEqual([3, 4, 5]);
    recent.note(key('e'), { id: 6, receivedAt: 60_003 });
    expect(recent.latest(key('a'), 0)).toBeUndefined(); // older than the window at 60,003
    expect(recent.latest(key('d'), 0)?.id).toBe(5);
  });

  it('holds its capacity in arrivals within its bytes, and finds each of the last arrivals it holds', () => {
    expect(RECENT_CAPACITY * 32).toBeLessThanOrEqual(RECENT_BYTES);
    expect(RECENT_CAPACITY).toBeGreaterThanOrEqual(200_000);
    const recent = recentArrivals(600_000, 50_000);
    const sha = (i: number) => i.toString(16).padStart(64, '0');
    for (let i = 0; i < 120_000; i++) recent.note(key(sha(i)), { id: i, receivedAt: i });
    expect(recent.latest(key(sha(69_999)), 0)).toBeUndefined();
    for (let i = 70_000; i < 120_000; i++) expect(recent.latest(key(sha(i)), 0)?.id).toBe(i);
  });

  it('answers as a plain map of each key to its latest arrival would, through overwrites of its ring and removals', () => {
    // The model: the same ring of the last `capacity` arrivals, with a Map for the index.
    const capacity = 7;
    const windowMs = 50;
    const model = () => {
      const ring: string[] = [];
      const latest = new Map<string, RecentArrival & { at: number }>();
      let head = 0;
      let newest = -Infinity;
      const append = (k: string, a: RecentArrival) => {
        if (ring.length === capacity && latest.get(ring[head]!)?.at === head) latest.delete(ring[head]!);
        ring[head] = k;
        latest.set(k, { ...a, at: head });
        head = (head + 1) % capacity;
        newest = Math.max(newest, a.receivedAt);
      };
      return {
        latest: (k: string, since: number) => {
          const a = latest.get(k);
          return a && a.receivedAt >= since && a.receivedAt >= newest - windowMs ? { id: a.id, receivedAt: a.receivedAt } : undefined;
        },
        note: (k: string, a: RecentArrival) => {
          if ((latest.get(k)?.receivedAt ?? -Infinity) <= a.receivedAt) append(k, a);
        },
        replace: (k: string, a: RecentArrival | null) => (a ? append(k, a) : void latest.delete(k)),
      };
    };
    const keyOf = (n: number): ArrivalKey => key(n.toString(16).padStart(64, 'c'), n % 3 ? '/' : '/other');
    const op = fc.oneof(
      fc.record({ op: fc.constant('note' as const), k: fc.nat(20), t: fc.nat(200) }),
      fc.record({ op: fc.constant('replace' as const), k: fc.nat(20), t: fc.nat(200), gone: fc.boolean() }),
      fc.record({ op: fc.constant('latest' as const), k: fc.nat(20), t: fc.nat(200) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const recent = recentArrivals(windowMs, capacity);
        const expected = model();
        let id = 0;
        for (const o of ops) {
          const k = keyOf(o.k);
          const a = { id: ++id, receivedAt: o.t };
          if (o.op === 'note') {
            recent.note(k, a);
            expected.note(String(o.k), a);
          } else if (o.op === 'replace') {
            recent.replace(k, o.gone ? null : a);
            expected.replace(String(o.k), o.gone ? null : a);
          } else expect(recent.latest(k, o.t - 100)).toEqual(expected.latest(String(o.k), o.t - 100));
        }
        for (let k = 0; k <= 20; k++) expect(recent.latest(keyOf(k), 0)).toEqual(expected.latest(String(k), 0));
      }),
      { numRuns: 300 },
    );
  });
});
