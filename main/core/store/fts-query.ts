// Turns what a user types into a safe FTS5 query: every word is a quoted prefix term, all must match.
// Quoting keeps FTS5 operators and punctuation in payload-like input (`+62...`, `A-B`, `"`) from
// becoming syntax errors.
//
// A word whose last token is a single character is matched whole, not as a prefix. FTS5 answers a
// prefix by reading and merging the doclist of every indexed token that starts with it, before the
// first row and whatever the page size (a whole token streams in rowid order and stops at the page's
// end). One character starts a large share of all postings: `Task-0` → `"task" "0"*` expanded to
// every zero-padded CallID, `p` to every p-word of every transcript; 60–110 ms at 200,000
// deliveries, ~400 ms at 1,000,000, warm or cold (not a cache or segment effect; `optimize` changed
// nothing). A one-character prefix narrows nothing a user is looking for.

/** Unicode61's token characters (letters, numbers, private use; marks kept with their letter). */
const TOKEN = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

export function toFtsQuery(text: string): string | null {
  const terms = text
    .split(/\s+/)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .map((t) => `"${t.replaceAll('"', '""')}"${prefixWorthIt(t) ? '*' : ''}`);
  return terms.length ? terms.join(' AND ') : null;
}

function prefixWorthIt(word: string): boolean {
  const last = word.match(TOKEN)?.at(-1) ?? '';
  return [...last.replace(/\p{M}/gu, '')].length > 1;
}
