// Lines up the elements of two arrays for the structural diff, given each element's canonical text.
// Equal elements are matched first (in order, so duplicates pair up one to one); of those, the longest
// run that keeps its relative order is "in place" and the others "moved". Of what is left, elements
// mostly alike (half their fields the same) pair wherever they are, most alike first (an entry that
// moved and changed); then, between two in-place anchors, any alike, then by position. Pairs are
// compared field by field; the rest is removed or added.
// Matching by equality plus a longest increasing subsequence is O(n log n), where an LCS table would
// be O(n·m): a body can carry thousands of Details entries.

export interface Alignment {
  /** Equal elements whose order relative to each other is kept: not differences. */
  inPlace: Array<[number, number]>;
  /** Equal elements that changed places relative to the others. */
  moved: Array<[number, number]>;
  /** Unequal elements at corresponding places: compared recursively. */
  paired: Array<[number, number]>;
  removed: number[];
  added: number[];
}

/** How alike two unequal elements are, from 0 (no more than by position) to 1 (e.g. the share of fields they have in common). */
export type Similarity = (i: number, j: number) => number;

/** Past this many candidate pairs, similarity is not scored (pairing is by position only). */
const MAX_SCORED_PAIRS = 10_000;
/** Elements pair across the array when at least this alike: half their fields the same. */
const MOSTLY_ALIKE = 0.5;

export function alignArrays(a: readonly string[], b: readonly string[], similarity: Similarity = () => 0): Alignment {
  const matches = matchEqual(a, b);
  const keep = longestIncreasing(matches.map(([, j]) => j));
  const inPlace: Array<[number, number]> = [];
  const moved: Array<[number, number]> = [];
  matches.forEach((m, k) => (keep.has(k) ? inPlace : moved).push(m));

  const matchedA = new Set(matches.map(([i]) => i));
  const matchedB = new Set(matches.map(([, j]) => j));
  // Elements mostly alike pair wherever they are (an entry that both moved and changed) ...
  const alike = pairSimilar(
    range(0, a.length).filter((i) => !matchedA.has(i)),
    range(0, b.length).filter((j) => !matchedB.has(j)),
    similarity,
    MOSTLY_ALIKE,
  );
  const paired: Array<[number, number]> = [...alike.paired];
  for (const [i, j] of alike.paired) {
    matchedA.add(i);
    matchedB.add(j);
  }
  // ... the rest within the gaps between in-place anchors (and before the first, after the last).
  const removed: number[] = [];
  const added: number[] = [];
  const anchors: Array<[number, number]> = [[-1, -1], ...inPlace, [a.length, b.length]];
  for (let g = 0; g + 1 < anchors.length; g++) {
    const [ai, bj] = anchors[g]!;
    const [aEnd, bEnd] = anchors[g + 1]!;
    const freeA = range(ai + 1, aEnd).filter((i) => !matchedA.has(i));
    const freeB = range(bj + 1, bEnd).filter((j) => !matchedB.has(j));
    const gap = pairGap(freeA, freeB, similarity);
    paired.push(...gap.paired);
    removed.push(...gap.restA);
    added.push(...gap.restB);
  }
  paired.sort((x, y) => x[0] - y[0]);
  return { inPlace, moved, paired, removed, added };
}

/** Pairs the most similar elements first, then the rest by position. */
function pairGap(freeA: number[], freeB: number[], similarity: Similarity) {
  const alike = pairSimilar(freeA, freeB, similarity, Number.MIN_VALUE);
  const { restA, restB } = alike;
  const n = Math.min(restA.length, restB.length);
  const paired = [...alike.paired];
  for (let k = 0; k < n; k++) paired.push([restA[k]!, restB[k]!]);
  return { paired, restA: restA.slice(n), restB: restB.slice(n) };
}

/** Greedy: the pair with the highest similarity (then the closest in position) first, down to `min`. */
function pairSimilar(freeA: number[], freeB: number[], similarity: Similarity, min: number) {
  const paired: Array<[number, number]> = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  if (freeA.length * freeB.length <= MAX_SCORED_PAIRS) {
    const scored: Array<{ i: number; j: number; score: number; distance: number }> = [];
    freeA.forEach((i, x) =>
      freeB.forEach((j, y) => {
        const score = similarity(i, j);
        if (score >= min) scored.push({ i, j, score, distance: Math.abs(x - y) });
      }),
    );
    scored.sort((p, q) => q.score - p.score || p.distance - q.distance || p.i - q.i);
    for (const { i, j } of scored) {
      if (usedA.has(i) || usedB.has(j)) continue;
      usedA.add(i);
      usedB.add(j);
      paired.push([i, j]);
    }
  }
  return { paired, restA: freeA.filter((i) => !usedA.has(i)), restB: freeB.filter((j) => !usedB.has(j)) };
}

/** Each element of `a` with the first not yet matched equal element of `b`, in `a`'s order. */
function matchEqual(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const positions = new Map<string, { at: number[]; next: number }>();
  b.forEach((key, j) => {
    const p = positions.get(key);
    if (p) p.at.push(j);
    else positions.set(key, { at: [j], next: 0 });
  });
  const matches: Array<[number, number]> = [];
  a.forEach((key, i) => {
    const p = positions.get(key);
    if (p && p.next < p.at.length) matches.push([i, p.at[p.next++]!]);
  });
  return matches;
}

/** Indices (into `values`) of one longest strictly increasing subsequence (patience sorting). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[len] = index of the smallest tail of an increasing run of length len+1
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((v, k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1]!;
    tails[lo] = k;
  });
  const keep = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = previous[k]!) keep.add(k);
  return keep;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}
