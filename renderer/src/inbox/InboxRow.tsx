// One inbox row, and the header: the chosen columns (columns.tsx) in the row's grid.
import { memo } from 'react';
import type { DeliverySummary } from '../../../shared/model.js';
import { formatRoute } from '../routing/route.js';
import type { Column } from './columns.js';

interface Props {
  row: DeliverySummary;
  columns: readonly Column[];
  /** Highest attempt seen in this row's retry group. */
  attempts: number;
  selected: boolean;
  top: number;
  onSelect(id: number): void;
}

export const InboxRow = memo(function InboxRow({ row, columns, attempts, selected, top, onSelect }: Props) {
  return (
    <a
      className={`inbox-row${selected ? ' selected' : ''}`}
      href={formatRoute({ name: 'delivery', id: row.id })}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={() => onSelect(row.id)}
      data-id={row.id}
      role="row"
      aria-selected={selected}
    >
      {columns.map((c) => (
        <span key={c.id} className={`c-${c.id}`} title={c.title?.(row, attempts)}>
          {c.cell(row, attempts)}
        </span>
      ))}
    </a>
  );
});

export function InboxHeader({ columns }: { columns: readonly Column[] }) {
  return (
    <div className="inbox-row inbox-header" role="row">
      {columns.map((c) => (
        <span key={c.id} className={`c-${c.id}`} title={c.about}>
          {c.header}
        </span>
      ))}
    </div>
  );
}
