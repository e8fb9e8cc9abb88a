// Formats the JSON paths that problems carry, e.g. `Details[0].CallID`, so every module writes them alike.

export type PathSegment = string | number;

/** Keys and values quoted in paths and messages, at most: a 60 MB key in a path of each of 100 problems took 6 GB. */
export const MAX_QUOTED = 120;

/** `text` cut to MAX_QUOTED characters, marked with an ellipsis when cut. */
export function shorten(text: string, max = MAX_QUOTED): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `$` for the root; `.Key` for identifier keys (the leading dot dropped at the start, so paths read
 * `Details[0].CallID`); `["weird key"]` (JSON-quoted) otherwise; `[i]` for array indices. A path that
 * would start with a bracket is prefixed with `$` (`$[0]`, `$["a b"]`) so it never looks truncated.
 */
export function toPath(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return '$';
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (seg.length <= MAX_QUOTED && IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(shorten(seg))}]`;
  }
  return out.startsWith('[') ? `$${out}` : out;
}
