// Shell quoting for Copy as curl, where every argument may come from a stranger's request. An argument
// is single-quoted (POSIX: nothing expands inside, not even `!`) unless it holds a character a
// terminal would act on or reorder instead of showing: then it is ANSI-C quoted ($'…', bash, zsh,
// ksh) with each such character written as \xNN escapes of its UTF-8 bytes. \xNN, not \uNNNN: bash
// prints \u literally when the locale cannot encode it, and bytes are what must arrive.
import { hiddenCharacters } from '../../../shared/hidden-characters.js';

/**
 * The hidden characters (shared/hidden-characters.ts) and the C0 controls but tab and line feed: they
 * print as the whitespace they are, and keep a pretty-printed body readable.
 */
const HIDDEN = hiddenCharacters('\\x00-\\x08\\x0b-\\x1f');

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
