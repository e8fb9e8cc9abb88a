// A body's pretty JSON for the JSON tab: formatted whole in a worker (format-json.ts), and, for a big
// body, its first lines at once (pretty-head.ts) from the start of its text alone, so that the tab
// draws before the whole is decoded and formatted.
import { useEffect, useMemo, useState } from 'react';
import { utf8Text } from '../../../shared/raw-body-text.js';
import { formatJson } from './format-json.js';
import { prettyHead } from './pretty-head.js';
import type { Pretty } from './pretty-json.js';

/** Bodies from this size on are drawn first from their head: below it the whole formats in a blink. */
const HEAD_FROM_BYTES = 256 * 1024;
/** The start of the text the head is read from: 400 lines of a real body take a few kilobytes. */
const HEAD_READ_BYTES = 256 * 1024;
/** Enough lines to fill a tall window and scroll a little while the rest is formatted. */
const HEAD_LINES = 400;

export interface Formatting {
  /** The whole document formatted, once the worker is done. */
  pretty: Pretty | null;
  /** Meanwhile, its first lines (null for a small body, or one that is not JSON in them). */
  head: string | null;
}

/** `utf8`: the body's text as UTF-8 (shared/raw-body-text.ts). */
export function usePretty(utf8: Uint8Array | null): Formatting {
  const [pretty, setPretty] = useState<Pretty | null>(null);
  const head = useMemo(
    () =>
      utf8 !== null && utf8.byteLength >= HEAD_FROM_BYTES
        ? prettyHead(utf8Text(utf8.subarray(0, HEAD_READ_BYTES), true), HEAD_LINES)
        : null,
    [utf8],
  );
  useEffect(() => {
    setPretty(null);
    if (utf8 === null) return;
    const job = formatJson(utf8);
    let live = true;
    void job.result.then((p) => live && setPretty(p));
    return () => {
      live = false;
      job.cancel();
    };
  }, [utf8]);
  return { pretty, head };
}
