// A body's pretty JSON for the JSON tab: formatted whole in a worker (format-json.ts), and, for a big
// body, its first lines at once (pretty-head.ts), so that the tab draws before the whole is formatted.
import { useEffect, useMemo, useState } from 'react';
import { formatJson } from './format-json.js';
import { prettyHead } from './pretty-head.js';
import type { Pretty } from './pretty-json.js';

/** Bodies from this size on are drawn first from their head: below it the whole formats in a blink. */
const HEAD_FROM_CHARS = 256 * 1024;
/** Enough lines to fill a tall window and scroll a little while the rest is formatted. */
const HEAD_LINES = 400;

export interface Formatting {
  /** The whole document formatted, once the worker is done. */
  pretty: Pretty | null;
  /** Meanwhile, its first lines (null for a small body, or one that is not JSON in them). */
  head: string | null;
}

export function usePretty(text: string | null): Formatting {
  const [pretty, setPretty] = useState<Pretty | null>(null);
  const head = useMemo(() => (text !== null && text.length >= HEAD_FROM_CHARS ? prettyHead(text, HEAD_LINES) : null), [text]);
  useEffect(() => {
    setPretty(null);
    if (text === null) return;
    const job = formatJson(text);
    let live = true;
    void job.result.then((p) => live && setPretty(p));
    return () => {
      live = false;
      job.cancel();
    };
  }, [text]);
  return { pretty, head };
}
