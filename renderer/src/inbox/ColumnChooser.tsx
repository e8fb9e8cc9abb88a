// Shows or hides the inbox's columns; the choice is kept (column-choice.ts).
import { useState } from 'react';
import type { Column } from './columns.js';

interface Props {
  columns: readonly Column[];
  hidden: Set<string>;
  onToggle(id: string): void;
}

export function ColumnChooser({ columns, hidden, onToggle }: Props) {
  const [open, setOpen] = useState(false);
  const shown = columns.length - hidden.size;
  return (
    <details
      className="column-chooser"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        setOpen(false);
        e.currentTarget.querySelector('summary')?.focus();
      }}
    >
      <summary>Columns</summary>
      {/* Only while open: the checkboxes' labels (kind, endpoint, …) would otherwise also name hidden controls. */}
      {open && (
        <fieldset>
          <legend>Show columns</legend>
          {columns.map((c) => {
            const on = !hidden.has(c.id);
            return (
              <label key={c.id} title={c.about}>
                {/* The last shown column cannot be hidden. */}
                <input type="checkbox" checked={on} disabled={on && shown === 1} onChange={() => onToggle(c.id)} /> {c.header}
              </label>
            );
          })}
        </fieldset>
      )}
    </details>
  );
}
