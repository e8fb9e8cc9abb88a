// Aggregates for the charts: counts by kind/endpoint, call status/intention/ring type, and over time.
import type { DeliveryFilter, Stats } from '../../../shared/api.js';
import type { Db } from './db.js';
import { scopedQuery } from './inbox-query.js';
import { prepareCached } from './statement-cache.js';

export function stats(db: Db, filter: DeliveryFilter, buckets: number): Stats {
  const { from, params } = scopedQuery(filter);
  const scoped = `SELECT d.* ${from}`;
  const count = (sql: string) =>
    Object.fromEntries(
      (prepareCached(db, sql).all(...params) as Array<{ k: string | null; n: number }>).map((r) => [r.k ?? '(none)', r.n]),
    );
  const range = prepareCached(db, `SELECT COUNT(*) AS n, MIN(received_at) AS lo, MAX(received_at) AS hi FROM (${scoped})`).get(
    ...params,
  ) as { n: number; lo: number | null; hi: number | null };
  // The buckets span the deliveries found, inside the range asked: a day with 40 minutes of traffic
  // is charted over those 40 minutes, not as two bars at the edge.
  const lo = Math.max(filter.from ?? 0, range.lo ?? filter.from ?? 0);
  const hi = Math.min(filter.to ?? Infinity, (range.hi ?? lo) + 1);
  const bucketMs = Math.max(1, Math.ceil((hi - lo) / buckets));
  const perBucket = prepareCached(
    db,
    `SELECT CAST((received_at - ?) / ? AS INTEGER) AS b, COUNT(*) AS n FROM (${scoped}) GROUP BY b ORDER BY b`,
  ).all(lo, bucketMs, ...params) as Array<{ b: number; n: number }>;
  const overTime = Array.from({ length: range.n ? buckets : 0 }, (_, i) => ({ start: lo + i * bucketMs, count: 0 }));
  for (const { b, n } of perBucket) if (overTime[b]) overTime[b].count += n;
  const calls = `FROM calls c WHERE c.delivery_id IN (SELECT id FROM (${scoped}))`;
  return {
    total: range.n,
    byKind: count(`SELECT kind AS k, COUNT(*) AS n FROM (${scoped}) GROUP BY kind`),
    byEndpoint: count(`SELECT endpoint AS k, COUNT(*) AS n FROM (${scoped}) GROUP BY endpoint`),
    callsByStatus: count(`SELECT c.status AS k, COUNT(*) AS n ${calls} GROUP BY c.status`),
    callsByIntention: count(`SELECT c.intention AS k, COUNT(*) AS n ${calls} GROUP BY c.intention`),
    callsByRingType: count(`SELECT c.ring_type AS k, COUNT(*) AS n ${calls} GROUP BY c.ring_type`),
    callDurations: durations(prepareCached(db, `SELECT c.duration_sec AS d ${calls}`).all(...params) as Array<{ d: number | null }>),
    overTime,
    bucketMs,
  };
}

const DURATION_RANGES: Array<[string, number]> = [
  ['0-10s', 10],
  ['10-30s', 30],
  ['30-60s', 60],
  ['1-2min', 120],
  ['2-5min', 300],
  ['5min+', Infinity],
];

function durations(rows: Array<{ d: number | null }>): Array<{ range: string; count: number }> {
  const counts = new Map<string, number>([...DURATION_RANGES.map(([r]) => [r, 0] as [string, number]), ['unknown', 0]]);
  for (const { d } of rows) {
    const range = d === null || d < 0 ? 'unknown' : DURATION_RANGES.find(([, max]) => d < max)![0];
    counts.set(range, counts.get(range)! + 1);
  }
  return [...counts].map(([range, count]) => ({ range, count }));
}
