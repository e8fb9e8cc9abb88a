// The inbox list: as tall as all its rows, drawing only those in view (fixed height, row-window.ts),
// each a placeholder until it is fetched. It says which rows are in view, with a screen's margin each
// way, so that they are fetched. Rows that go in on top while it is scrolled down move it by as much,
// so that the rows in view stay put; at the top, they show.
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { DeliverySummary } from '../../../shared/model.js';
import type { Column } from './columns.js';
import { InboxHeader, InboxRow } from './InboxRow.js';
import { layoutHeight, maxOffset, offsetAt, offsetToShow, rowsInView, scrollTopFor, type Geometry } from './row-window.js';

export const ROW_HEIGHT = 28;
/**
 * Rows drawn beyond the view each way, so that a small scroll (a wheel notch is ~4 rows) shows drawn
 * rows at once. Each is laid out anew when a drag lands elsewhere: at 1,000,000 rows, 4 instead of 15
 * took the slowest of 24 drags from 227 to 190 ms and the median from ~105 to ~70 (BENCHMARKS,
 * session 9). The rows a screen away each way are still fetched (`onView`), only not drawn.
 */
const OVERSCAN = 4;

interface Props {
  length: number;
  /** The row at an index, or undefined (a placeholder) until it is fetched. */
  rowAt(index: number): DeliverySummary | undefined;
  /** How many rows went in on top so far (inbox-rows.ts). */
  insertedAbove: number;
  /** The columns shown, in order. */
  columns: readonly Column[];
  /** Highest attempt seen in a row's retry group. */
  attempts(row: DeliverySummary): number;
  selectedIndex: number;
  /** Scrolled to when it changes. */
  selectedId: number | null;
  loading: boolean;
  onSelect(id: number): void;
  /** The rows to fetch: those in view and a screen each way. */
  onView(first: number, last: number): void;
}

export function InboxList({
  length,
  rowAt,
  insertedAbove,
  columns,
  attempts,
  selectedIndex,
  selectedId,
  loading,
  onSelect,
  onView,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(0);
  const [offset, setOffset] = useState(0);
  const geometry: Geometry = useMemo(() => ({ rows: length, rowHeight: ROW_HEIGHT, viewport }), [length, viewport]);
  const shown = Math.min(offset, maxOffset(geometry));
  const scrollTop = scrollTopFor(geometry, shown);
  const latest = useRef({ geometry, shown, selectedIndex });
  latest.current = { geometry, shown, selectedIndex };
  /** Where the list last saw its scrollTop or put it: a scrollTop elsewhere is a scroll not yet handled. */
  const known = useRef(0);
  const wasHidden = useRef(true);
  // Header and rows share one grid template.
  const grid = useMemo(() => ({ '--inbox-columns': columns.map((c) => c.width).join(' ') }) as CSSProperties, [columns]);

  useLayoutEffect(() => {
    const el = scrollRef.current!;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current!;
    if (viewport === 0) {
      wasHidden.current = true;
      return;
    }
    // Shown again, the list goes back where it was; otherwise a scroll whose event is still to come
    // (a drag while something else rendered the list) decides where it is, not the offset before it.
    const restoring = wasHidden.current;
    wasHidden.current = false;
    if (!restoring && Math.abs(el.scrollTop - known.current) >= 1) return;
    if (Math.abs(el.scrollTop - scrollTop) >= 1) el.scrollTop = scrollTop;
    known.current = el.scrollTop;
  }, [scrollTop, viewport]);

  const seenInserted = useRef(insertedAbove);
  useLayoutEffect(() => {
    const moved = insertedAbove - seenInserted.current;
    seenInserted.current = insertedAbove;
    if (moved !== 0 && latest.current.shown > 0) setOffset((o) => Math.max(0, o + moved * ROW_HEIGHT));
  }, [insertedAbove]);

  useLayoutEffect(() => {
    const { geometry, shown, selectedIndex } = latest.current;
    if (selectedId !== null && selectedIndex >= 0) setOffset(offsetToShow(geometry, shown, selectedIndex));
  }, [selectedId]);

  const { first, last } = rowsInView(geometry, shown);
  // Before the placeholders are painted: the request is on its way a frame sooner.
  useLayoutEffect(() => {
    const screen = last - first + 1;
    if (screen > 0) onView(Math.max(0, first - screen), Math.min(length - 1, last + screen));
  }, [first, last, length, onView]);

  const onScroll = () => {
    const el = scrollRef.current!;
    // The list's own move (rows kept put, a row revealed) is no news.
    if (Math.abs(el.scrollTop - known.current) < 1) return;
    known.current = el.scrollTop;
    setOffset(offsetAt(latest.current.geometry, el.scrollTop));
  };

  // Keyed by index: a row held twice for a moment (placed by an earlier count, fetched again) is still two rows.
  const drawn = [];
  for (let i = Math.max(0, first - OVERSCAN); i <= Math.min(length - 1, last + OVERSCAN); i++) {
    const top = scrollTop + i * ROW_HEIGHT - shown;
    const row = rowAt(i);
    drawn.push(
      row ? (
        <InboxRow
          key={i}
          row={row}
          columns={columns}
          attempts={attempts(row)}
          selected={i === selectedIndex}
          top={top}
          onSelect={onSelect}
        />
      ) : (
        <div key={i} className="inbox-row placeholder" role="row" aria-busy="true" style={{ transform: `translateY(${top}px)` }} />
      ),
    );
  }

  return (
    <div className="inbox-list" role="table" aria-label="deliveries" style={grid}>
      <InboxHeader columns={columns} />
      <div className="inbox-scroll" ref={scrollRef} onScroll={onScroll}>
        <div style={{ height: layoutHeight(geometry), position: 'relative' }}>{drawn}</div>
        {length === 0 && !loading && <div className="empty">No deliveries match. New ones appear here as they arrive.</div>}
        {length === 0 && loading && <div className="loading-more">loading…</div>}
      </div>
    </div>
  );
}
