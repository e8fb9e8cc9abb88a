// The in-memory window of arrivals that vendor-retry detection reads (store/recent-arrivals.ts).
import { describe, expect, it } from 'vitest';
import { recentArrivals } from '../../../main/core/store/recent-arrivals.js';

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
});
