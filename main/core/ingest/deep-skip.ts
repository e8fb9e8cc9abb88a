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
  // The open containers as runs: +n is n nested arrays, -n is n nested objects.
  let runs = new Int32Array(16);
  let nRuns = 0;
  let level = 0;
  let maxLevel = 0;
  let containers = 0;

  const open = (isObject: boolean, n: number): void => {
    const top = nRuns > 0 ? (runs[nRuns - 1] as number) : 0;
    if (top !== 0 && top < 0 === isObject) runs[nRuns - 1] = top + (isObject ? -n : n);
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
    if (level > maxLevel) maxLevel = level;
  };
  const close = (n: number): void => {
    const top = runs[nRuns - 1] as number;
    const rest = top < 0 ? top + n : top - n;
    if (rest === 0) nRuns--;
    else runs[nRuns - 1] = rest;
    level -= n;
  };

  for (;;) {
    // A value starts at `pos`.
    const c = text.charCodeAt(pos);
    if (c === 91 || c === 123) {
      const isObject = c === 123;
      // A run of `[` is consumed in one tight loop; an object is always followed by a key.
      let n = 1;
      if (!isObject) while (text.charCodeAt(pos + n) === 91) n++;
      open(isObject, n);
      pos += n;
      while (isWs(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) === (isObject ? 125 : 93)) {
        pos++;
        close(1);
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
      if (level === 0) return { end: pos, depth: maxLevel, containers };
      const top = runs[nRuns - 1] as number;
      const isObject = top < 0;
      const d = text.charCodeAt(pos);
      if (d === 44) {
        pos++;
        while (isWs(text.charCodeAt(pos))) pos++;
        if (isObject) {
          scanKey(text, pos);
          pos = cursor.end;
        }
        break;
      }
      if (d !== (isObject ? 125 : 93)) fail(text, pos, isObject ? "',' or '}'" : "',' or ']'");
      let n = 1;
      if (!isObject) while (n < top && text.charCodeAt(pos + n) === 93) n++;
      pos += n;
      close(n);
    }
  }
}
