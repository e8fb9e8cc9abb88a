// The virtualised inbox list: fixed-height rows, so 100,000 deliveries cost as much as a screenful.
// Scrolling near the end asks for the next (older) page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { DeliverySummary } from '../../../shared/model.js';
import type { Column } from './columns.js';
import { InboxHeader, InboxRow } from './InboxRow.js';
import { retryTotals } from './inbox-model.js';

export const ROW_HEIGHT = 28;
/** Start fetching the next page this many rows before the end. */
const PREFETCH_ROWS = 60;

interface Props {
  rows: DeliverySummary[];
  /** The columns shown, in order. */
  columns: readonly Column[];
  hasMore: boolean;
  loading: boolean;
  selectedIndex: number;
  onSelect(id: number): void;
  loadMore(): void;
}

export function InboxList({ rows, columns, hasMore, loading, selectedIndex, onSelect, loadMore }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const totals = useMemo(() => retryTotals(rows), [rows]);
  // Header and rows share one grid template.
  const grid = useMemo(() => ({ '--inbox-columns': columns.map((c) => c.width).join(' ') }) as CSSProperties, [columns]);

  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loading && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [lastIndex, rows.length, hasMore, loading, loadMore]);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div className="inbox-list" role="table" aria-label="deliveries" style={grid}>
      <InboxHeader columns={columns} />
      <div className="inbox-scroll" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows[v.index]!;
            return (
              <InboxRow
                key={row.id}
                row={row}
                columns={columns}
                attempts={totals.get(row.retryOf ?? row.id) ?? 1}
                selected={v.index === selectedIndex}
                top={v.start}
                onSelect={onSelect}
              />
            );
          })}
        </div>
        {rows.length === 0 && !loading && <div className="empty">No deliveries match. New ones appear here as they arrive.</div>}
        {loading && <div className="loading-more">loading…</div>}
      </div>
    </div>
  );
}
