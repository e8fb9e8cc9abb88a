// Checks the syntax of a subtree nested past the build limit without building it, in linear time
// and near-constant memory: a hostile `[[[[...]]]]` of 16M levels is one run-length entry.
import { cursor, fail, isWs, scanKey, scanScalar } from './json-scan.js';

export interface SkippedSubtree {
  /** Offset after the subtree (and any whitespace after it). */
  end: number;
  /** Levels of nesting inside the subtree, counting its own container as 1. */
  depth: number;
  /** Containers in the subtree, its own included. */
  containers: number;
}

/** `pos` is at the `[` or `{` that opens the subtree. */
export function skipSubtree(text: string, pos: number): SkippedSubtree {
  const run = skip(text, pos, 0);
  return { end: run.end, depth: run.depth, containers: run.containers };
}

export interface SkippedMembers {
  /** Offset of the bracket that closes the container (not consumed). */
  end: number;
  /** Members skipped, the one at `pos` included. */
  members: number;
}

/**
 * Skips the member value at `pos` and every member after it in the container that is open around it,
 * up to its closing bracket: one pass for what would otherwise be a call (and a scratch array) per
 * member, which made 19M skipped `{}` take 15 s.
 */
export function skipRestOfContainer(text: string, pos: number, isObject: boolean): SkippedMembers {
  const run = skip(text, pos, isObject ? -1 : 1);
  return { end: run.end, members: run.members };
}

/** The open containers as runs: +n is n nested arrays, -n is n nested objects. Reused: one skip at a time. */
let runs = new Int32Array(16);

/**
 * The scanner behind both: from a value at `pos`, at top level (`outer` 0) or as a member of one open
 * container (`outer` +1 array, -1 object), whose closing bracket it stops at.
 */
function skip(text: string, pos: number, outer: number): { end: number; depth: number; containers: number; members: number } {
  let nRuns = 0;
  let level = 0;
  let maxLevel = 0;
  let containers = 0;
  let members = 1;
  if (outer !== 0) {
    runs[nRuns++] = outer;
    level = 1;
  }
  const base = level;

  for (;;) {
    // A value starts at `pos`.
    const c = text.charCodeAt(pos);
    if (c === 91 || c === 123) {
      const isObject = c === 123;
      // A run of `[` is consumed in one tight loop; an object is always followed by a key.
      let n = 1;
      if (!isObject) while (text.charCodeAt(pos + n) === 91) n++;
      const top = nRuns > 0 ? (runs[nRuns - 1] as number) : 0;
      if (top !== 0 && top < 0 === isObject && level > base) runs[nRuns - 1] = top + (isObject ? -n : n);
      else {
        if (nRuns === runs.length) {
          const bigger = new Int32Array(runs.length * 2);
          bigger.set(runs);
          runs = bigger;
        }
        runs[nRuns++] = isObject ? -n : n;
      }
      level += n;
      containers += n;
      if (level - base > maxLevel) maxLevel = level - base;
      pos += n;
      while (isWs(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) === (isObject ? 125 : 93)) {
        pos++;
        closeRuns(1);
        level--;
      } else {
        if (isObject) {
          scanKey(text, pos);
          pos = cursor.end;
        }
        continue;
      }
    } else {
      scanScalar(text, pos);
      pos = cursor.end;
    }

    // A value just ended: close containers, or step to the next member.
    for (;;) {
      while (isWs(text.charCodeAt(pos))) pos++;
      if (level === 0) return { end: pos, depth: maxLevel, containers, members };
      const top = runs[nRuns - 1] as number;
      const isObject = top < 0;
      const d = text.charCodeAt(pos);
      if (d === 44) {
        pos++;
        while (isWs(text.charCodeAt(pos))) pos++;
        if (level === base) members++;
        if (isObject) {
          scanKey(text, pos);
          pos = cursor.end;
        }
        break;
      }
      if (d !== (isObject ? 125 : 93)) fail(text, pos, isObject ? "',' or '}'" : "',' or ']'");
      // The outer container's own close is the caller's to consume.
      if (level === base && outer !== 0) return { end: pos, depth: maxLevel, containers, members };
      // Inside the skipped region a run never includes the outer container, so it closes whole.
      let n = 1;
      if (!isObject) while (n < top && text.charCodeAt(pos + n) === 93) n++;
      pos += n;
      closeRuns(n);
      level -= n;
    }
  }

  function closeRuns(n: number): void {
    const top = runs[nRuns - 1] as number;
    const rest = top < 0 ? top + n : top - n;
    if (rest === 0) nRuns--;
    else runs[nRuns - 1] = rest;
  }
}
