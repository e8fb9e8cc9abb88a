// Finds where a problem's JSON path (`Details[0].RedailCall[0].RingType`, `$["a b"]`) sits in a JSON
// text, so a click on the problem can move the editor there. Scans the text instead of parsing it,
// which keeps big bodies cheap and positions exact. A path to a missing field lands on the nearest
// ancestor that exists.

export type Segment = string | number;

/** The segments of a path written by shared/contract/json-path.ts; null when it is not such a path. */
export function parsePath(path: string): Segment[] | null {
  const out: Segment[] = [];
  // `$` alone is the root and `$[…]` a root-level bracket; `$x` is a key that starts with a dollar.
  let i = path === '$' || path.startsWith('$[') ? 1 : 0;
  const ident = /^[A-Za-z_$][A-Za-z0-9_$]*/;
  while (i < path.length) {
    const rest = path.slice(i);
    if (rest.startsWith('.') || (i === 0 && ident.test(rest))) {
      const m = ident.exec(rest.startsWith('.') ? rest.slice(1) : rest);
      if (!m) return null;
      out.push(m[0]);
      i += m[0].length + (rest.startsWith('.') ? 1 : 0);
    } else if (rest.startsWith('["')) {
      const end = stringEnd(rest, 1);
      if (end < 0 || rest[end] !== ']') return null;
      out.push(JSON.parse(rest.slice(1, end)) as string);
      i += end + 1;
    } else {
      const m = /^\[(\d+)\]/.exec(rest);
      if (!m) return null;
      out.push(Number(m[1]));
      i += m[0].length;
    }
  }
  return out;
}

export interface Located {
  from: number;
  to: number;
  /** False when the path led to something missing and this is the nearest ancestor. */
  exact: boolean;
}

export function locatePath(text: string, segments: readonly Segment[]): Located | null {
  let start = skipSpace(text, 0);
  if (start >= text.length) return null;
  let located: Located = { from: start, to: valueEnd(text, start), exact: true };
  for (const seg of segments) {
    const next = typeof seg === 'number' ? arrayItem(text, start, seg) : objectMember(text, start, seg);
    if (!next) return { ...located, exact: false };
    start = next.value;
    located = { from: next.from, to: valueEnd(text, next.value), exact: true };
  }
  return located;
}

function objectMember(text: string, at: number, key: string): { from: number; value: number } | null {
  if (text[at] !== '{') return null;
  let i = skipSpace(text, at + 1);
  while (i < text.length && text[i] === '"') {
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return null;
    const name = JSON.parse(text.slice(i, keyEnd)) as string;
    const value = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    if (name === key) return { from: i, value };
    i = skipSpace(text, valueEnd(text, value));
    if (text[i] !== ',') return null;
    i = skipSpace(text, i + 1);
  }
  return null;
}

function arrayItem(text: string, at: number, index: number): { from: number; value: number } | null {
  if (text[at] !== '[') return null;
  let i = skipSpace(text, at + 1);
  if (text[i] === ']') return null;
  for (let n = 0; n < index; n++) {
    i = skipSpace(text, valueEnd(text, i));
    if (text[i] !== ',') return null;
    i = skipSpace(text, i + 1);
  }
  return { from: i, value: i };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Index just past the string starting at `i` (a `"`), or -1 when it never closes. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return -1;
}

/** Index just past the value starting at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') {
    const end = stringEnd(text, i);
    return end < 0 ? text.length : end;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        const end = stringEnd(text, j);
        if (end < 0) return text.length;
        j = end - 1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !',}] \n\r\t'.includes(text[j]!)) j++;
  return j;
}
