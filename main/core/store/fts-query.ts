// Turns what a user types into a safe FTS5 query: every word is a quoted prefix term, all must match.
// Quoting keeps FTS5 operators and punctuation in payload-like input (`+62...`, `A-B`, `"`) from
// becoming syntax errors.

export function toFtsQuery(text: string): string | null {
  const terms = text
    .split(/\s+/)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .map((t) => `"${t.replaceAll('"', '""')}"*`);
  return terms.length ? terms.join(' AND ') : null;
}
