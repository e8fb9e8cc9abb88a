// When the inbox counts the deliveries matching its filter: once per filter, then again as deliveries
// arrive, not once per arrival but at most once a second and, roughly, a tenth of the time. A COUNT
// that scans (a status, a common word: ~40-60 ms on 100,000 deliveries, docs/BENCHMARKS.md) runs on
// the receiver's thread. Each count after the first also says how many of those it counted are newer
// than the previous count's newest: how far the rows placed by it moved down (inbox-rows.ts).
import { useEffect, useRef } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import { useApi, useConnection, useEventBatches } from '../api/context.js';
import { atMostEvery, type Throttled } from './at-most-every.js';
import { matchesSummary, needsServerMatch } from './inbox-model.js';
import type { Counted } from './inbox-rows.js';

/**
 * What a count measured by its round trip may take. The trip includes the core's wait for deliveries
 * still being read (up to 2 s after a burst), so the pause is capped: the total is never long stale.
 */
const RECOUNT = { everyMs: 1000, share: 0.1, longestPauseMs: 5000 };

/** Calls `onCount` with each count of the filter's deliveries (a failed one is skipped: the next arrival asks again). */
export function useTotal(filter: DeliveryFilter, onCount: (count: Counted) => void): void {
  const api = useApi();
  const connection = useConnection();
  const recount = useRef<Throttled | null>(null);
  const latest = useRef(onCount);
  latest.current = onCount;
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    let current = true;
    let newestId: number | undefined;
    const count = async () => {
      const newerThan = newestId;
      const counted = await api.countDeliveries({ filter, ...(newerThan !== undefined && { newerThan }) });
      if (!current) return;
      newestId = counted.newestId;
      latest.current({ ...counted, ...(newerThan !== undefined && { newerThan }) });
    };
    const throttled = atMostEvery(count, RECOUNT);
    recount.current = throttled;
    throttled.ask();
    return () => {
      current = false;
      throttled.stop();
    };
    // `filterKey` stands for `filter`, a new object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey]);

  useEventBatches('deliveryReceived', (batch) => {
    if (needsServerMatch(filter) || batch.some((d) => matchesSummary(filter, d))) recount.current?.ask();
  });
  useEffect(() => connection.onResync((missed) => missed.includes('deliveryReceived') && recount.current?.ask()), [connection]);
}
