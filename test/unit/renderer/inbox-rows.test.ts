// The inbox by position as data (inbox-rows.ts) and the list's geometry (row-window.ts): what a count
// does to the rows held, where arrivals go, what is fetched next, and which rows a scroll position
// shows however many there are.
import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../shared/model.js';
import { createInboxRows, type InboxRows } from '../../../renderer/src/inbox/inbox-rows.js';
import {
  layoutHeight,
  MAX_LAYOUT_PX,
  offsetAt,
  offsetToShow,
  rowsInView,
  scale,
  scrollTopFor,
} from '../../../renderer/src/inbox/row-window.js';

const row = (id: number, extra: Partial<DeliverySummary> = {}) => ({ id, responseStatus: 200, ...extra }) as DeliverySummary;
/** Ids newest first, from `newest` down. */
const idsFrom = (newest: number, n: number) => Array.from({ length: n }, (_, i) => newest - i);
const shown = (rows: InboxRows) => Array.from({ length: rows.length() }, (_, i) => rows.at(i)?.id ?? null);

/** An inbox of ids 1..100 counted, with positions 0..9 (ids 100..91) fetched. */
function counted(): InboxRows {
  const rows = createInboxRows();
  rows.applyCount({ total: 100, newestId: 100 });
  rows.applyPage(
    100,
    0,
    10,
    idsFrom(100, 10).map((id) => row(id)),
  );
  return rows;
}

describe('the inbox by position', () => {
  it('shows the first page until counted, and arrivals on top of it, once each', () => {
    const rows = createInboxRows();
    rows.applyArrivals([row(7)]);
    rows.applyFirstPage([row(7), row(6), row(5)]);
    expect(shown(rows)).toEqual([7, 6, 5]);
    rows.applyArrivals([row(8), row(9)]);
    rows.applyArrivals([row(9)]);
    expect(shown(rows)).toEqual([9, 8, 7, 6, 5]);
    expect(rows.insertedAbove).toBe(3);
    expect(rows.wanted(0, 10, 50)).toBeNull();
  });

  it('once counted, is as long as the count and asks for its rows by position, the first page again too', () => {
    const rows = createInboxRows();
    rows.applyFirstPage(idsFrom(100, 3).map((id) => row(id)));
    rows.applyArrivals([row(101)]);
    rows.applyCount({ total: 100, newestId: 100 });
    expect(rows.length()).toBe(101);
    expect(shown(rows).slice(0, 5)).toEqual([101, 100, 99, 98, null]);
    expect(rows.wanted(0, 30, 50)).toEqual({ position: 0, limit: 50, near: [] });
    rows.applyPage(
      100,
      0,
      50,
      idsFrom(100, 50).map((id) => row(id)),
    );
    expect(rows.wanted(0, 30, 50)).toBeNull();
    expect(rows.wanted(40, 80, 50)).toEqual({ position: 50, limit: 50, near: [{ position: 49, id: 51 }] });
  });

  it('names the rows held nearest above and below what it asks for', () => {
    const rows = counted();
    rows.applyPage(
      100,
      80,
      10,
      idsFrom(20, 10).map((id) => row(id)),
    );
    expect(rows.wanted(40, 60, 10)).toEqual({
      position: 40,
      limit: 10,
      near: [
        { position: 9, id: 91 },
        { position: 80, id: 20 },
      ],
    });
  });

  it('moves the rows held down by as many as the next count says are newer, the arrivals held above them', () => {
    const rows = counted();
    rows.applyArrivals([row(101), row(102)]);
    expect(rows.insertedAbove).toBe(2);
    expect(shown(rows).slice(0, 4)).toEqual([102, 101, 100, 99]);
    rows.applyCount({ total: 102, newestId: 102, newer: 2, newerThan: 100 });
    expect(rows.length()).toBe(102);
    expect(shown(rows).slice(0, 13)).toEqual([...idsFrom(102, 12), null]);
    expect(rows.insertedAbove).toBe(2);
    // Every row is where the count puts it: nothing to fetch again.
    expect(rows.wanted(0, 11, 50)).toBeNull();
  });

  it('leaves a gap of placeholders on top for arrivals it never held, and says they went in above', () => {
    const rows = counted();
    rows.applyArrivals([row(105)]);
    rows.applyCount({ total: 105, newestId: 105, newer: 5, newerThan: 100 });
    expect(shown(rows).slice(0, 7)).toEqual([null, null, null, null, null, 100, 99]);
    expect(rows.insertedAbove).toBe(1 + 4);
    expect(rows.wanted(0, 20, 50)).toMatchObject({ position: 0 });
  });

  it('keeps showing the rows held when a count does not add up, and fetches them again', () => {
    const rows = counted();
    // 2 newer, yet only 1 more in all: one was deleted somewhere.
    rows.applyCount({ total: 101, newestId: 102, newer: 2, newerThan: 100 });
    expect(shown(rows).slice(0, 4)).toEqual([null, null, 100, 99]);
    expect(rows.wanted(2, 11, 50)).toMatchObject({ position: 2 });
    // A count without `newer` (the first after a reconnect) places nothing: everything is fetched again.
    rows.applyCount({ total: 101, newestId: 102 });
    expect(rows.wanted(2, 11, 50)).toMatchObject({ position: 2, near: [] });
  });

  it('drops a page fetched under an earlier count, and fetches nothing past a page that came back short', () => {
    const rows = counted();
    rows.applyCount({ total: 101, newestId: 101, newer: 1, newerThan: 100 });
    rows.applyPage(
      100,
      20,
      10,
      idsFrom(80, 10).map((id) => row(id)),
    );
    expect(rows.at(20)).toBeUndefined();
    rows.applyPage(
      101,
      95,
      10,
      idsFrom(6, 3).map((id) => row(id)),
    );
    expect(rows.wanted(95, 100, 10)).toBeNull();
    expect(rows.wanted(90, 100, 10)).toMatchObject({ position: 90 });
  });

  it('replaces a row held when it is announced again (read since it was fetched), without moving anything', () => {
    const rows = counted();
    rows.applyArrivals([row(95, { responseStatus: 500 })]);
    expect(rows.at(5)).toMatchObject({ id: 95, responseStatus: 500 });
    expect(rows.insertedAbove).toBe(0);
    expect(rows.indexOf(95)).toBe(5);
  });

  it('forgets the rows far from the view once it holds more than it keeps', () => {
    const rows = counted();
    rows.applyPage(
      100,
      60,
      10,
      idsFrom(40, 10).map((id) => row(id)),
    );
    rows.trim(60, 69, 12);
    expect(rows.at(0)).toBeUndefined();
    expect(rows.at(60)).toMatchObject({ id: 40 });
  });
});

describe('the list geometry', () => {
  const g = (rows: number) => ({ rows, rowHeight: 28, viewport: 560 });

  it('lays out every row while they fit, one px of scrolling a px of rows', () => {
    expect(layoutHeight(g(1000))).toBe(28_000);
    expect(scale(g(1000))).toBe(1);
    expect(rowsInView(g(1000), 28 * 500)).toEqual({ first: 500, last: 519 });
    expect(rowsInView(g(5), 0)).toEqual({ first: 0, last: 4 });
  });

  it('past the layout cap, scales the scroll position so that its end shows the last row', () => {
    const big = g(2_000_000);
    expect(layoutHeight(big)).toBe(MAX_LAYOUT_PX);
    expect(scale(big)).toBeGreaterThan(3);
    const bottom = offsetAt(big, MAX_LAYOUT_PX - 560);
    expect(rowsInView(big, bottom)).toEqual({ first: 2_000_000 - 20, last: 2_000_000 - 1 });
    expect(rowsInView(big, offsetAt(big, (MAX_LAYOUT_PX - 560) / 2)).first).toBe(1_000_000 - 10);
    expect(offsetAt(big, scrollTopFor(big, 28 * 123_456))).toBeCloseTo(28 * 123_456, 3);
  });

  it('scrolls as little as it takes to show a row', () => {
    expect(offsetToShow(g(1000), 28 * 100, 105)).toBe(28 * 100);
    expect(offsetToShow(g(1000), 28 * 100, 99)).toBe(28 * 99);
    expect(offsetToShow(g(1000), 28 * 100, 120)).toBe(28 * 121 - 560);
  });
});
