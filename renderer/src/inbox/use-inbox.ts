// The inbox's rows for a filter, by position (inbox-rows.ts): the first page at once, then, once
// counted, the rows in view fetched by position, one request at a time. When one is back, the next is
// for what is in view then, so a stretch scrolled past is never asked for. Live arrivals go on top;
// when only the server can match them, the first page is fetched again (once per batch).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import type { DeliverySummary } from '../../../shared/model.js';
import { useApi, useConnection, useEventBatches } from '../api/context.js';
import { matchesSummary, needsServerMatch, retryTotals } from './inbox-model.js';
import { createInboxRows, type Counted, type InboxRows } from './inbox-rows.js';
import { useTotal } from './use-total.js';

/** The first page, and the newest rows fetched again for arrivals only the server can match. */
const PAGE = 200;
/** Rows a request by position asks for: a screen and its margins. */
const FETCH = 100;
/** Rows held at most; past it, those far from the view are forgotten (fetched again if scrolled back to). */
const KEEP = 3000;

export interface Inbox {
  length: number;
  /** The row at a list index, or undefined until it is fetched. */
  rowAt(index: number): DeliverySummary | undefined;
  indexOf(id: number): number;
  /** How many rows went in on top so far. */
  insertedAbove: number;
  /** The exact number matching, once counted (the count, and the arrivals since); null until then. */
  total: number | null;
  /** Before the first count: whether more match than the first page holds. */
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
  /** Highest attempt seen in a row's retry group, among the rows held. */
  attempts(row: DeliverySummary): number;
  /** The list shows (or is about to show) indexes first..last: fetch what is missing there. */
  view(first: number, last: number): void;
}

export function useInbox(filter: DeliveryFilter): Inbox {
  const api = useApi();
  const connection = useConnection();
  // Effects depend on the filter's content, not on the identity of the object the caller rebuilt.
  const filterKey = JSON.stringify(filter);
  const model = useRef<{ key: string; rows: InboxRows } | null>(null);
  if (model.current?.key !== filterKey) model.current = { key: filterKey, rows: createInboxRows() };
  const rows = model.current.rows;
  /** Whether `rows` is still the filter's model: answers for a filter since changed are dropped. */
  const isCurrent = (r: InboxRows) => model.current?.rows === r;

  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const [firstPage, setFirstPage] = useState<{ key: string; more: boolean } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const fail = (e: unknown) => setError(e instanceof Error ? e : new Error(String(e)));

  const inView = useRef({ first: 0, last: -1 });
  const busy = useRef(false);
  /** A request failed: none is sent again until the view moves. */
  const stalled = useRef(false);

  /** Sends the request for what is missing in view, unless one is on its way. */
  const fetchInView = useCallback(() => {
    const r = model.current!.rows;
    const { first, last } = inView.current;
    const wanted = r.wanted(first, last, FETCH);
    if (busy.current || stalled.current || !wanted || !r.anchor) return;
    busy.current = true;
    const { newestId: upTo, total } = r.anchor;
    api
      .listDeliveriesAt({ filter, upTo, total, ...wanted })
      .then(
        (items) => {
          if (!isCurrent(r)) return;
          r.applyPage(upTo, wanted.position, wanted.limit, items);
          r.trim(inView.current.first, inView.current.last, KEEP);
          setError(null);
          changed();
        },
        (e: unknown) => {
          stalled.current = true;
          if (isCurrent(r)) fail(e);
        },
      )
      .finally(() => {
        busy.current = false;
        fetchInView();
      });
    // `filterKey` stands for `filter`, which the request reads; the rest are refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey]);

  const view = useCallback(
    (first: number, last: number) => {
      inView.current = { first, last };
      stalled.current = false;
      fetchInView();
    },
    [fetchInView],
  );

  useEffect(() => {
    setError(null);
    const r = model.current!.rows;
    api.listDeliveries({ filter, limit: PAGE }).then((page) => {
      if (!isCurrent(r)) return;
      r.applyFirstPage(page.items);
      setFirstPage({ key: filterKey, more: page.nextCursor !== null });
    }, fail);
    // As above: `filterKey` stands for `filter`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey]);

  useTotal(filter, (count: Counted) => {
    rows.applyCount(count);
    changed();
    fetchInView();
  });

  const headInFlight = useRef(false);
  const headAgain = useRef(false);
  /** Fetches the newest page again: its rows newer than the count go on top. */
  const refreshHead = useCallback(() => {
    if (headInFlight.current) {
      headAgain.current = true;
      return;
    }
    headInFlight.current = true;
    const r = model.current!.rows;
    api
      .listDeliveries({ filter, limit: PAGE })
      .then((page) => {
        if (!isCurrent(r)) return;
        r.applyArrivals(page.items);
        changed();
      }, fail)
      .finally(() => {
        headInFlight.current = false;
        if (headAgain.current) {
          headAgain.current = false;
          refreshHead();
        }
      });
    // As above: `filterKey` stands for `filter`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filterKey]);

  useEventBatches('deliveryReceived', (batch) => {
    if (needsServerMatch(filter)) return refreshHead();
    rows.applyArrivals(batch.filter((d) => matchesSummary(filter, d)));
    changed();
  });
  useEffect(() => connection.onResync((missed) => missed.includes('deliveryReceived') && refreshHead()), [connection, refreshHead]);

  // `version` stands for the rows held, which change in place.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const totals = useMemo(() => retryTotals(rows.held()), [rows, version]);
  return {
    length: rows.length(),
    rowAt: rows.at,
    indexOf: rows.indexOf,
    insertedAbove: rows.insertedAbove,
    total: rows.anchor ? rows.length() : null,
    hasMore: firstPage?.key === filterKey && firstPage.more,
    loading: firstPage?.key !== filterKey && !rows.anchor && !error,
    error,
    attempts: (row) => totals.get(row.retryOf ?? row.id) ?? 1,
    view,
  };
}
