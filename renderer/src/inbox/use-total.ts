// The exact number of deliveries matching the inbox's filter: counted by the core once per filter,
// then recounted as deliveries arrive, not once per arrival but at most once a second and, roughly, a
// tenth of the time. A COUNT that scans (a status, a common word: ~40-60 ms on 100,000 deliveries,
// docs/BENCHMARKS.md) runs on the receiver's thread. Arrivals are not added to the count here: an
// arrival's event may come after a count that already had it, and the total would drift.
import { useEffect, useRef, useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import { useApi, useConnection, useEventBatches } from '../api/context.js';
import { atMostEvery, type Throttled } from './at-most-every.js';
import { matchesSummary, needsServerMatch } from './inbox-model.js';

/**
 * What a count measured by its round trip may take. The trip includes the core's wait for deliveries
 * still being read (up to 2 s after a burst), so the pause is capped: the total is never long stale.
 */
const RECOUNT = { everyMs: 1000, share: 0.1, longestPauseMs: 5000 };

/** The count, or null until the first count for this filter is in (or when it failed). */
export function useTotal(filter: DeliveryFilter): number | null {
  const api = useApi();
  const connection = useConnection();
  const [total, setTotal] = useState<number | null>(null);
  const recount = useRef<Throttled | null>(null);
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    let current = true;
    setTotal(null);
    // A failed recount keeps the last count shown: the next arrival asks again.
    const throttled = atMostEvery(() => api.countDeliveries({ filter }).then((c) => current && setTotal(c.total)), RECOUNT);
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

  return total;
}
