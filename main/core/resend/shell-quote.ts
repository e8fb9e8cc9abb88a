// Shell quoting for Copy as curl, where every argument may come from a stranger's request. An argument
// is single-quoted (POSIX: nothing expands inside, not even `!`) unless it holds a character a
// terminal would act on or reorder instead of showing: then it is ANSI-C quoted ($'…', bash, zsh,
// ksh) with each such character written as \xNN escapes of its UTF-8 bytes. \xNN, not \uNNNN: bash
// prints \u literally when the locale cannot encode it, and bytes are what must arrive.

/**
 * C0 controls but tab and line feed (they print as the whitespace they are, and keep a pretty-printed
 * body readable), DEL, C1 controls (U+009B is CSI), the bidi marks, embeddings, overrides and isolates
 * that reorder what is shown (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), the line and
 * paragraph separators, and the BOM, which shows as nothing.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

export function shellQuote(s: string): string {
  if (!HIDDEN.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  return ansiC(s, (c) => (HIDDEN.test(c) ? Buffer.from(c, 'utf8') : null));
}

/**
 * A header line as the store keeps it: Node reads header bytes as latin1, one character a byte. The
 * argument must make the shell pass those bytes, so UTF-8 text is quoted as text and anything else
 * byte by byte.
 */
export function shellQuoteHeader(s: string): string {
  // Above U+00FF it is already text (typed into the re-send form, never sent as such by Node).
  if (/[^\0-\xff]/.test(s) || !/[\x80-\xff]/.test(s)) return shellQuote(s);
  try {
    return shellQuote(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'latin1')));
  } catch {
    return ansiC(s, (c) => (c >= '\x80' || HIDDEN.test(c) ? [c.charCodeAt(0)] : null));
  }
}

/** $'…' with the characters `bytesOf` names written as \xNN escapes of those bytes. */
function ansiC(s: string, bytesOf: (c: string) => ArrayLike<number> | null): string {
  let out = '';
  for (const c of s) {
    const bytes = bytesOf(c);
    if (bytes) out += Array.from(bytes, (b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    else if (c === '\\' || c === "'") out += `\\${c}`;
    // An interactive bash with history expansion on must not read it as an event.
    else if (c === '!') out += '\\x21';
    else out += c;
  }
  return `$'${out}'`;
}
