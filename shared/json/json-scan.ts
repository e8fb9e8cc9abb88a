// JSON token scanners (strings, numbers, keys) shared by the value builder and the deep-subtree
// skipper. Each validates RFC 8259 strictly and throws SyntaxFailure with the offset where it stopped.
import { LosslessNumber } from 'lossless-json';

export class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

export function fail(text: string, pos: number, what: string): never {
  throw new SyntaxFailure(`Unexpected ${describe(text, pos)}, expected ${what} at offset ${pos}`, pos);
}

function describe(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input';
  const cp = text.codePointAt(pos) ?? 0;
  return cp < 0x20 || cp === 0x7f ? `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(cp)}'`;
}

/**
 * Scanners return their token and leave the offset after it here. A plain object property, not a
 * module `let`: callers keep `pos` in a local, which is what keeps 32 MB of input well under a second.
 */
export const cursor = { end: 0 };

export function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** A run of string characters that need no attention; sticky, so it scans natively from lastIndex. */
// Control characters are exactly what JSON strings must not contain raw, hence the class.
// eslint-disable-next-line no-control-regex
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

/** `"` `\` `/` `b` `f` `n` `r` `t` */
const ESCAPABLE = new Set([34, 92, 47, 98, 102, 110, 114, 116]);

/** `open` is the offset of the opening quote. */
export function scanString(text: string, open: number): string {
  const len = text.length;
  let j = open + 1;
  let escaped = false;
  for (;;) {
    // Short runs: a few charCodeAt steps beat a regex call. Long runs: let the regex engine scan.
    let c = text.charCodeAt(j);
    for (let k = 0; k < 16 && c !== 34 && c !== 92 && c >= 0x20; k++) c = text.charCodeAt(++j);
    if (c !== 34 && c !== 92 && c >= 0x20) {
      PLAIN_RUN.lastIndex = j;
      PLAIN_RUN.test(text);
      j = PLAIN_RUN.lastIndex;
      c = text.charCodeAt(j);
    }
    if (j >= len) throw new SyntaxFailure(`Unterminated string starting at offset ${open}`, j);
    if (c === 34) {
      cursor.end = j + 1;
      // Escapes were validated below, so the engine's decoder cannot fail here; it keeps lone
      // surrogates exactly as JSON.parse does, and is linear where `out += piece` is not.
      return escaped ? (JSON.parse(text.slice(open, j + 1)) as string) : text.slice(open + 1, j);
    }
    if (c !== 92) fail(text, j, 'a string character (control characters must be escaped)');
    escaped = true;
    const e = text.charCodeAt(j + 1);
    if (e === 117) {
      if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(j + 2, j + 6))) fail(text, j, 'a \\u escape with 4 hex digits');
      j += 6;
    } else {
      if (!ESCAPABLE.has(e)) fail(text, j + 1, 'an escape character (one of "\\/bfnrtu)');
      j += 2;
    }
  }
}

function scanDigits(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  if (!(c >= 48 && c <= 57)) fail(text, pos, 'a digit');
  do c = text.charCodeAt(++pos);
  while (c >= 48 && c <= 57);
  return pos;
}

export function scanNumber(text: string, start: number): LosslessNumber {
  let pos = start;
  if (text.charCodeAt(pos) === 45) pos++;
  if (text.charCodeAt(pos) === 48) pos++;
  else pos = scanDigits(text, pos);
  if (text.charCodeAt(pos) === 46) pos = scanDigits(text, pos + 1);
  const e = text.charCodeAt(pos);
  if (e === 101 || e === 69) {
    pos++;
    const s = text.charCodeAt(pos);
    if (s === 43 || s === 45) pos++;
    pos = scanDigits(text, pos);
  }
  cursor.end = pos;
  return new LosslessNumber(text.slice(start, pos));
}

/** Reads `"key"` `:` and the whitespace after it; leaves cursor.end at the member's value. */
export function scanKey(text: string, pos: number): string {
  if (text.charCodeAt(pos) !== 34) fail(text, pos, 'a string key');
  const key = scanString(text, pos);
  pos = cursor.end;
  while (isWs(text.charCodeAt(pos))) pos++;
  if (text.charCodeAt(pos) !== 58) fail(text, pos, "':'");
  pos++;
  while (isWs(text.charCodeAt(pos))) pos++;
  cursor.end = pos;
  return key;
}

/** A scalar (string, number, true, false, null) starting at `pos`; throws if there is none. */
export function scanScalar(text: string, pos: number): string | LosslessNumber | boolean | null {
  const c = text.charCodeAt(pos);
  if (c === 34) return scanString(text, pos);
  if (c === 45 || (c >= 48 && c <= 57)) return scanNumber(text, pos);
  for (const [word, value] of LITERALS) {
    if (text.startsWith(word, pos)) {
      cursor.end = pos + word.length;
      return value;
    }
  }
  return fail(text, pos, 'a value');
}

const LITERALS: ReadonlyArray<readonly [string, boolean | null]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];
