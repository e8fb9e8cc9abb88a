// The inbox's rows for a filter: the first page, older pages on demand (keyset cursor), and live
// arrivals merged in batches. Arrivals that only the server can match trigger one refetch of the head.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import type { DeliverySummary } from '../../../shared/model.js';
import { useApi, useConnection, useEventBatches } from '../api/context.js';
import { matchesSummary, mergeHead, mergeRows, needsServerMatch } from './inbox-model.js';

const PAGE = 200;

export interface Inbox {
  rows: DeliverySummary[];
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
  loadMore(): void;
}

export function useInbox(filter: DeliveryFilter): Inbox {
  const api = useApi();
  const connection = useConnection();
  const [rows, setRows] = useState<DeliverySummary[]>([]);
  const rowsNow = useRef(rows);
  rowsNow.current = rows;
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  // Responses for a filter the user has since changed are dropped.
  const generation = useRef(0);
  const busy = useRef(false);
  // Effects depend on the filter's content, not on the identity of the object the caller rebuilt.
  const filterKey = JSON.stringify(filter);

  const fail = (e: unknown) => setError(e instanceof Error ? e : new Error(String(e)));

  /** Loads one page; a page that arrives after the filter changed (another generation) is dropped. */
  const fetchPage = (gen: number, from: string | null, apply: (items: DeliverySummary[]) => void) => {
    busy.current = true;
    setLoading(true);
    api
      .listDeliveries({ filter, ...(from === null ? {} : { cursor: from }), limit: PAGE })
      .then((page) => {
        if (gen !== generation.current) return;
        apply(page.items);
        setCursor(page.nextCursor);
      }, fail)
      .finally(() => {
        if (gen !== generation.current) return;
        busy.current = false;
        setLoading(false);
      });
  };

  useEffect(() => {
    const gen = ++generation.current;
    setRows([]);
    setCursor(null);
    setError(null);
    fetchPage(gen, null, setRows);
    // `filterKey` stands for `filter` (a new object each render); fetchPage reads only these and refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey]);

  const loadMore = useCallback(() => {
    if (busy.current || cursor === null) return;
    fetchPage(generation.current, cursor, (items) => setRows((prev) => mergeRows(prev, items)));
    // As above: `filterKey` stands for `filter`, which fetchPage reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, cursor, filterKey]);

  const headInFlight = useRef<Promise<void> | null>(null);
  const headAgain = useRef(false);
  const refreshHead = useCallback(() => {
    if (headInFlight.current) {
      headAgain.current = true;
      return;
    }
    const gen = generation.current;
    const newestWhenAsked = rowsNow.current[0];
    headInFlight.current = api
      .listDeliveries({ filter, limit: PAGE })
      .then((page) => {
        if (gen !== generation.current) return;
        const head = mergeHead(rowsNow.current, page, newestWhenAsked);
        if (head.restartAt === undefined) return setRows((prev) => mergeRows(prev, page.items));
        // The list starts over from this page: an older page still on its way would land below it,
        // across the hole, so it is dropped (as after a change of filter).
        generation.current++;
        busy.current = false;
        setLoading(false);
        // Arrivals announced since the page was read are newer than all of it: they stay on top.
        const newest = page.items[0]!.id;
        setRows((prev) =>
          mergeRows(
            head.rows,
            prev.filter((r) => r.id > newest),
          ),
        );
        setCursor(head.restartAt);
      }, fail)
      .finally(() => {
        headInFlight.current = null;
        if (headAgain.current) {
          headAgain.current = false;
          refreshHead();
        }
      });
    // As above: `filterKey` stands for `filter`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey]);

  useEventBatches('deliveryReceived', (batch) => {
    if (needsServerMatch(filter)) refreshHead();
    else
      setRows((prev) =>
        mergeRows(
          prev,
          batch.filter((d) => matchesSummary(filter, d)),
        ),
      );
  });
  useEffect(() => connection.onResync((missed) => missed.includes('deliveryReceived') && refreshHead()), [connection, refreshHead]);

  return { rows, hasMore: cursor !== null, loading, error, loadMore };
}
