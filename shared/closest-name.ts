// The known name a mistyped one was most likely meant to be (`CalleNumber` → `CalleeNumber`), by
// edit distance, case aside; none when every known name is far from it.

/** Levenshtein distance with adjacent transpositions (`Stauts` is one edit from `Status`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The closest of `known` to `typed`: within a third of its length in edits (at least one), or one
 * that starts with it (three letters or more: `Intent` → `Intention`). Null when none is.
 */
export function closestName(typed: string, known: readonly string[]): string | null {
  const t = typed.toLowerCase();
  let best: { name: string; d: number } | null = null;
  for (const name of known) {
    const n = name.toLowerCase();
    const d = t.length >= 3 && n.startsWith(t) ? 0.5 : distance(t, n);
    if (d <= Math.max(1, Math.floor(t.length / 3)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name ?? null;
}
