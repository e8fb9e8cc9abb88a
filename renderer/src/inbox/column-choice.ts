// Which inbox columns the user hid, kept in localStorage (per browser profile, and per desktop app
// user: the Electron renderer has its own). Hidden ones are stored, not shown ones, so that a column
// added by a later version appears until the user hides it.
import { useCallback, useState } from 'react';

const KEY = 'callback-inspector.inbox.hidden-columns';

/** The stored choice: only names of columns that exist, and never all of them; anything unreadable is no choice. */
export function readHidden(stored: string | null, known: readonly string[]): Set<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored ?? '[]');
  } catch {
    return new Set();
  }
  if (!Array.isArray(parsed)) return new Set();
  const hidden = new Set(parsed.filter((id): id is string => typeof id === 'string' && known.includes(id)));
  return hidden.size >= known.length ? new Set() : hidden;
}

export function useHiddenColumns(known: readonly string[]): { hidden: Set<string>; toggle(id: string): void } {
  const [hidden, setHidden] = useState(() => readHidden(localStorage.getItem(KEY), known));
  const toggle = useCallback(
    (id: string) =>
      setHidden((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        // One column at least stays: a row of nothing cannot be chosen or opened.
        if (next.size >= known.length) return prev;
        localStorage.setItem(KEY, JSON.stringify([...next]));
        return next;
      }),
    [known],
  );
  return { hidden, toggle };
}
