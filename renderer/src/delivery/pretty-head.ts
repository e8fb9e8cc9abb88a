// The first lines of a big body's pretty JSON, to draw at once while the worker formats the whole
// (pretty-json.ts: seconds for tens of megabytes). They come straight from the tokens, with the same
// scanners as the lossless parser, printed as its formatter prints them: two spaces, `"key": value`,
// numbers with every digit as written, strings as JSON.stringify writes them, `{}` and `[]` when empty.
// The whole document replaces them; it differs from them only where the formatter reads an object
// differently from its text (a duplicate key, an integer-like key, which objects list first).
import { SyntaxFailure, cursor, isWs, scanKey, scanNumber, scanString } from '../../../shared/json/json-scan.js';

const LITERALS = ['true', 'false', 'null'];

/**
 * The first `lines` lines of the formatted text, or null when there are not that many (a small
 * document formats fast enough whole) or the text stops being JSON within them.
 */
export function prettyHead(text: string, lines: number): string | null {
  let out = '';
  let count = 0;
  let pos = 0;
  let indent = '';
  const open: boolean[] = [];
  const skipWs = () => {
    while (isWs(text.charCodeAt(pos))) pos++;
  };
  /** Ends a line; false once the head has its lines. */
  const newline = (): boolean => {
    if (++count >= lines) return false;
    out += `\n${indent}`;
    return true;
  };
  const key = () => {
    out += `${JSON.stringify(scanKey(text, pos))}: `;
    pos = cursor.end;
  };
  try {
    skipWs();
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 123 || c === 91) {
        const isObject = c === 123;
        pos++;
        skipWs();
        if (text.charCodeAt(pos) === (isObject ? 125 : 93)) {
          pos++;
          out += isObject ? '{}' : '[]';
        } else {
          out += isObject ? '{' : '[';
          open.push(isObject);
          indent += '  ';
          if (!newline()) return out;
          if (isObject) key();
          continue;
        }
      } else {
        out += scalar(text, pos);
        pos = cursor.end;
      }
      // A value ended: the next member, or the ends of containers.
      for (;;) {
        skipWs();
        if (open.length === 0) return null;
        const isObject = open.at(-1)!;
        const d = text.charCodeAt(pos);
        if (d === 44) {
          pos++;
          skipWs();
          out += ',';
          if (!newline()) return out;
          if (isObject) key();
          break;
        }
        if (d !== (isObject ? 125 : 93)) return null;
        pos++;
        open.pop();
        indent = indent.slice(2);
        if (!newline()) return out;
        out += isObject ? '}' : ']';
      }
    }
  } catch (error) {
    if (error instanceof SyntaxFailure) return null;
    throw error;
  }
}

/** A string, number or literal as the formatter prints it; leaves cursor.end after it. */
function scalar(text: string, pos: number): string {
  const c = text.charCodeAt(pos);
  if (c === 34) return JSON.stringify(scanString(text, pos));
  if (c === 45 || (c >= 48 && c <= 57)) return scanNumber(text, pos).toString();
  const word = LITERALS.find((w) => text.startsWith(w, pos));
  if (!word) throw new SyntaxFailure('a value', pos);
  cursor.end = pos + word.length;
  return word;
}
