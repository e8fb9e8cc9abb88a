// Where two bodies that cannot be compared as JSON first differ: as text (line and column, with the
// line from each side) or, when either is not text, as bytes (the offset).

export interface FirstDifference {
  /** UTF-16 code units into the text (text), or bytes (bytes). */
  offset: number;
  /** 1-based, for text. */
  line?: number;
  column?: number;
  /** That line on each side (null past the end), cut at LINE_LIMIT characters. */
  aLine?: string | null;
  bLine?: string | null;
}

const LINE_LIMIT = 200;

/** Null when the texts are identical. */
export function firstTextDifference(a: string, b: string): FirstDifference | null {
  if (a === b) return null;
  let offset = 0;
  const n = Math.min(a.length, b.length);
  while (offset < n && a.charCodeAt(offset) === b.charCodeAt(offset)) offset++;
  const lineStart = a.lastIndexOf('\n', offset - 1) + 1;
  const line = countNewlines(a, lineStart) + 1;
  return { offset, line, column: offset - lineStart + 1, aLine: lineAt(a, lineStart), bLine: lineAt(b, lineStart) };
}

/** Null when the bytes are identical. */
export function firstByteDifference(a: Uint8Array, b: Uint8Array): FirstDifference | null {
  if (sameBytes(a, b)) return null;
  let offset = 0;
  const n = Math.min(a.length, b.length);
  while (offset < n && a[offset] === b[offset]) offset++;
  return { offset };
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The line starting at `start` (both sides agree up to the difference, so it starts there on each). */
function lineAt(text: string, start: number): string | null {
  if (start > text.length) return null;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
  return line.length > LINE_LIMIT ? `${line.slice(0, LINE_LIMIT)}…` : line;
}
