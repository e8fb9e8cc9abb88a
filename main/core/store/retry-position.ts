// Vendor-retry detection: where an arrival stands among earlier arrivals of the same request, found
// in the window of recent arrivals (recent-arrivals.ts) and confirmed against the row in the store.
import type { CapturedRequest } from '../../../shared/model.js';
import type { Db } from './db.js';
import { RECENT_CAPACITY, recentArrivals, type ArrivalKey, type RecentArrivals } from './recent-arrivals.js';
import { resendMarkOf, verifiedMark } from './resend-mark.js';

/** The vendor retries every minute, 5 times; same body at the same endpoint within this gap = a retry. */
export const RETRY_WINDOW_MS = 10 * 60_000;

export interface RetryPosition {
  retryOf: number | null;
  attempt: number;
}

/**
 * A re-send's key holds its mark's label, apart from the vendor's (''). Only a mark signed with this
 * data directory's secret counts: a forged or empty one is the vendor's like any other delivery.
 */
export const keyOf = (c: CapturedRequest, sha256: string, secret: () => Buffer | null): ArrivalKey => {
  const header = resendMarkOf(c.headers);
  const mark = header === null ? null : verifiedMark(header, sha256, secret());
  return { endpoint: c.endpoint, method: c.method, path: c.path, sha256, mark: mark === null ? '' : `m:${mark}` };
};

export function retryPositions(db: Db) {
  const recentArrivalRows = db.prepare<
    [number, number],
    { id: number; received_at: number; endpoint: string; method: string; path: string; sha256: string }
  >(
    `SELECT id, received_at, endpoint, method, path, sha256 FROM deliveries
      WHERE received_at >= ? AND size > 0 AND resend = 0 ORDER BY received_at DESC, id DESC LIMIT ?`,
  );
  type SameRequest = { id: number; retry_of: number | null; attempt: number; received_at: number };
  const sameRequestAt = db.prepare<[number, string, string, string, string, number], SameRequest>(
    `SELECT id, retry_of, attempt, received_at FROM deliveries WHERE id = ? AND sha256 = ? AND endpoint = ? AND method = ? AND path = ? AND resend = ?`,
  );
  // The window's fallback (an arrival it noted was rolled back): a scan of the last minutes by received_at,
  // among the vendor's deliveries (this app's re-sends to itself are never the vendor's first attempt).
  const latestSameRequest = db.prepare<[number, string, string, string, string], SameRequest>(
    `SELECT id, retry_of, attempt, received_at FROM deliveries
      WHERE received_at >= ? AND sha256 = ? AND endpoint = ? AND method = ? AND path = ? AND resend = 0
      ORDER BY received_at DESC, id DESC LIMIT 1`,
  );

  /** The last window of arrivals, read from the store once (warm), then kept by `note`. */
  let recentCache: RecentArrivals | null = null;
  function recent(): RecentArrivals {
    if (recentCache) return recentCache;
    recentCache = recentArrivals(RETRY_WINDOW_MS, RECENT_CAPACITY);
    const rows = recentArrivalRows.all(Date.now() - RETRY_WINDOW_MS, RECENT_CAPACITY);
    for (let i = rows.length - 1; i >= 0; i--) {
      const r = rows[i]!;
      recentCache.note({ ...r, mark: '' }, { id: r.id, receivedAt: r.received_at });
    }
    return recentCache;
  }

  return {
    /**
     * Where a request stands among earlier arrivals of the same body (same method, path, endpoint).
     * An empty body is never a retry: health checks and tunnel probes all have the same empty hash. This
     * app's own re-sends to itself (marked) are grouped by their mark, apart from the vendor's attempts.
     */
    position(c: CapturedRequest, key: ArrivalKey): RetryPosition {
      if (c.body.byteLength === 0) return { retryOf: null, attempt: 1 };
      const since = c.receivedAt - RETRY_WINDOW_MS;
      const noted = recent().latest(key, since);
      if (!noted) return { retryOf: null, attempt: 1 };
      // The row as it is now: retention may have removed it, or only its first attempt (whose later
      // attempts then point at themselves, as ON DELETE SET NULL left them). An arrival noted in a
      // transaction that rolled back is not there (or its id was reused): the store has the truth.
      let row = sameRequestAt.get(noted.id, key.sha256, c.endpoint, c.method, c.path, key.mark ? 1 : 0);
      // A re-send's attempts are found in the window only: the store's fallback knows the vendor's.
      if (!row && key.mark) {
        recent().replace(key, null);
        return { retryOf: null, attempt: 1 };
      }
      if (!row) {
        row = latestSameRequest.get(since, key.sha256, c.endpoint, c.method, c.path);
        recent().replace(key, row ? { id: row.id, receivedAt: row.received_at } : null);
        if (!row) return { retryOf: null, attempt: 1 };
      }
      return { retryOf: row.retry_of ?? row.id, attempt: row.attempt + 1 };
    },
    /** Notes a written arrival in the window (once the window is read). */
    note(c: CapturedRequest, key: ArrivalKey, id: number): void {
      // An import of old (or future-dated) deliveries must not push the live window out.
      if (c.body.byteLength === 0 || !recentCache || Math.abs(Date.now() - c.receivedAt) > RETRY_WINDOW_MS) return;
      recentCache.note(key, { id, receivedAt: c.receivedAt });
    },
    /** Reads the window now instead of at the first arrival. */
    warm: () => void recent(),
  };
}
