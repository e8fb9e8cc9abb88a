// Formats the JSON paths that problems carry, e.g. `Details[0].CallID`, so every module writes them alike.

export type PathSegment = string | number;

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
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out.startsWith('[') ? `$${out}` : out;
}
