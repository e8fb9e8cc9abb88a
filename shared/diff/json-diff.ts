// Structural diff of two lossless JSON values, path by path: what changed, what was added or removed,
// what moved (an array element or object member found unchanged elsewhere) and where the JSON type
// changed. Pure and shared, so the core (the diffBodies operation, the CLI) and tests use one walk.
// Numbers are compared by their exact decimal value from their text, never as floats; paths are
// written as the contract's problems write them (`Details[0].Status`, see ../contract/json-path.ts).
import { stringify } from 'lossless-json';
import { isJsonObject, isLosslessNumber, jsonTypeName, type JsonObject, type JsonValue } from '../contract/json-value.js';
import { toPath, type PathSegment } from '../contract/json-path.js';
import { alignArrays } from './array-align.js';
import { CanonicalText, jsonKind, sameNumberValue } from './canonical.js';

export type DiffKind = 'changed' | 'type-changed' | 'added' | 'removed' | 'moved';
export const DIFF_KINDS: readonly DiffKind[] = ['changed', 'type-changed', 'added', 'removed', 'moved'];

export interface JsonDifference {
  kind: DiffKind;
  /** Where, on side A (for `added`: on side B), e.g. `Details[0].Status`; `$` is the whole body. */
  path: string;
  /** Where on side B when that is not `path`: a moved value's new place, or inside an array element whose index shifted. */
  to?: string;
  /** The path as segments (keys and indices), on the same side as `path`. */
  segments: PathSegment[];
  /** Side A's value as compact JSON, numbers exactly as written; absent for `added`. */
  a?: string;
  /** Side B's value; absent for `removed`. For `moved` the value is the same on both sides (`a`). */
  b?: string;
  /** JSON type names (`string`, `integer`, `number`, `object`…) of each side's value. */
  aType?: string;
  bType?: string;
  /** A value longer than VALUE_TEXT_LIMIT characters is cut there and ends in `…`. */
  truncated?: boolean;
  /** A remark, e.g. that two numbers have the same value written differently. */
  note?: string;
}

export type DiffCounts = Record<DiffKind, number> & { total: number };

export interface JsonDiff {
  /** In the order of a walk through side A (added members after the ones they follow). */
  differences: JsonDifference[];
  /** Counted over every difference found, including omitted ones. */
  counts: DiffCounts;
  /** Differences found beyond `maxDifferences`, not listed. */
  omitted: number;
}

export const VALUE_TEXT_LIMIT = 2000;
export const MAX_DIFFERENCES = 5000;

export interface DiffOptions {
  maxDifferences?: number;
  valueTextLimit?: number;
}

/** A difference as the walk finds it: values kept as values until the listing is cut. */
interface Found {
  kind: DiffKind;
  aPath: PathSegment[];
  bPath: PathSegment[];
  a?: JsonValue;
  b?: JsonValue;
  note?: string;
}

export function diffJson(a: JsonValue, b: JsonValue, options: DiffOptions = {}): JsonDiff {
  const canonical = new CanonicalText();
  const found: Found[] = [];
  walk(a, b, [], [], found, canonical);
  const all = pairMoves(found, canonical);
  const max = options.maxDifferences ?? MAX_DIFFERENCES;
  const limit = options.valueTextLimit ?? VALUE_TEXT_LIMIT;
  const counts = emptyCounts();
  for (const f of all) counts[f.kind]++;
  counts.total = all.length;
  return { differences: all.slice(0, max).map((f) => describe(f, limit)), counts, omitted: Math.max(0, all.length - max) };
}

export function emptyCounts(): DiffCounts {
  return { changed: 0, 'type-changed': 0, added: 0, removed: 0, moved: 0, total: 0 };
}

// Recursion depth is the values' nesting depth, which the core's parser caps (MAX_BUILD_DEPTH).
function walk(a: JsonValue, b: JsonValue, aPath: PathSegment[], bPath: PathSegment[], out: Found[], canonical: CanonicalText): void {
  if (a === b) return;
  const kind = jsonKind(a);
  if (kind !== jsonKind(b)) {
    out.push({ kind: 'type-changed', aPath, bPath, a, b });
    return;
  }
  switch (kind) {
    case 'number': {
      if (!isLosslessNumber(a) || !isLosslessNumber(b) || a.value === b.value) return;
      const note = sameNumberValue(a, b) ? 'the same value, written differently' : undefined;
      out.push({ kind: 'changed', aPath, bPath, a, b, ...(note && { note }) });
      return;
    }
    case 'array':
      walkArrays(a as JsonValue[], b as JsonValue[], aPath, bPath, out, canonical);
      return;
    case 'object':
      walkObjects(a as JsonObject, b as JsonObject, aPath, bPath, out, canonical);
      return;
    default:
      // null, boolean, string: `a === b` above already found them equal.
      out.push({ kind: 'changed', aPath, bPath, a, b });
  }
}

function walkObjects(
  a: JsonObject,
  b: JsonObject,
  aPath: PathSegment[],
  bPath: PathSegment[],
  out: Found[],
  canonical: CanonicalText,
): void {
  for (const key of Object.keys(a)) {
    if (Object.hasOwn(b, key)) walk(a[key]!, b[key]!, [...aPath, key], [...bPath, key], out, canonical);
    else out.push({ kind: 'removed', aPath: [...aPath, key], bPath: [...bPath, key], a: a[key]! });
  }
  for (const key of Object.keys(b)) {
    if (!Object.hasOwn(a, key)) out.push({ kind: 'added', aPath: [...aPath, key], bPath: [...bPath, key], b: b[key]! });
  }
}

function walkArrays(
  a: JsonValue[],
  b: JsonValue[],
  aPath: PathSegment[],
  bPath: PathSegment[],
  out: Found[],
  canonical: CanonicalText,
): void {
  // Equal elements at both ends stay in place without being aligned: an array of millions that
  // differs in a few places costs one pass, not the alignment's few hundred bytes per element.
  const same = (x: JsonValue, y: JsonValue) => x === y || canonical.of(x) === canonical.of(y);
  let head = 0;
  while (head < a.length && head < b.length && same(a[head]!, b[head]!)) head++;
  let tail = 0;
  while (head + tail < a.length && head + tail < b.length && same(a[a.length - 1 - tail]!, b[b.length - 1 - tail]!)) tail++;
  if (head + tail === a.length && head + tail === b.length) return;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const al = alignArrays(
    midA.map((v) => canonical.of(v)),
    midB.map((v) => canonical.of(v)),
    (i, j) => sharedMembers(midA[i]!, midB[j]!, canonical),
  );
  // Report in side A's order; additions at their place in B, after the A elements before them.
  // Indices below are into the middle; `head` turns them back into the arrays' own.
  const events: Array<{ at: number; push: () => void }> = [];
  for (const [i, j] of al.moved)
    events.push({ at: i, push: () => out.push({ kind: 'moved', aPath: [...aPath, head + i], bPath: [...bPath, head + j], a: midA[i]! }) });
  for (const [i, j] of al.paired)
    events.push({ at: i, push: () => walk(midA[i]!, midB[j]!, [...aPath, head + i], [...bPath, head + j], out, canonical) });
  for (const i of al.removed)
    events.push({
      at: i,
      push: () => out.push({ kind: 'removed', aPath: [...aPath, head + i], bPath: [...bPath, head + i], a: midA[i]! }),
    });
  const bToA = new Map([...al.inPlace, ...al.paired].map(([i, j]) => [j, i]));
  for (const j of al.added) {
    // The equal run at the start, if any, ends right before the middle (-1 there: at its last element).
    let before = -1;
    for (let k = j - 1; k >= 0 && before < 0; k--) before = bToA.get(k) ?? -1;
    events.push({
      at: before + 0.5,
      push: () => out.push({ kind: 'added', aPath: [...bPath, head + j], bPath: [...bPath, head + j], b: midB[j]! }),
    });
  }
  events.sort((x, y) => x.at - y.at).forEach((e) => e.push());
}

/** The share of members two objects have in common (same key, equal value), 0 to 1; 0 for anything else. */
function sharedMembers(a: JsonValue, b: JsonValue, canonical: CanonicalText): number {
  if (!isJsonObject(a) || !isJsonObject(b)) return 0;
  const keysA = Object.keys(a);
  let n = 0;
  for (const key of keysA) if (Object.hasOwn(b, key) && canonical.of(a[key]!) === canonical.of(b[key]!)) n++;
  return n / Math.max(keysA.length, Object.keys(b).length, 1);
}

/**
 * A member removed in one place and added in another with the same value has moved. Paired across
 * the whole body when the value is a non-empty object or array, or keeps its key name (a scalar such
 * as `null` or `""` appearing somewhere else is a coincidence, not a move).
 */
function pairMoves(found: Found[], canonical: CanonicalText): Found[] {
  const movable = (f: Found, value: JsonValue) => isContainerWithContent(value) || typeof f.aPath[f.aPath.length - 1] === 'string';
  const addedByKey = new Map<string, Found[]>();
  for (const f of found) {
    if (f.kind !== 'added' || !movable(f, f.b!)) continue;
    const key = moveKey(f.bPath, f.b!, canonical);
    addedByKey.set(key, [...(addedByKey.get(key) ?? []), f]);
  }
  if (addedByKey.size === 0) return found;
  const consumed = new Set<Found>();
  const result: Found[] = [];
  for (const f of found) {
    if (consumed.has(f)) continue;
    if (f.kind === 'removed' && movable(f, f.a!)) {
      const candidates = addedByKey.get(moveKey(f.aPath, f.a!, canonical));
      const match = candidates?.find((c) => !consumed.has(c));
      if (match) {
        consumed.add(match);
        result.push({ kind: 'moved', aPath: f.aPath, bPath: match.bPath, a: f.a! });
        continue;
      }
    }
    result.push(f);
  }
  return result;
}

/** What must agree for a removal and an addition to be one move: the value, and for scalars the key name. */
function moveKey(path: PathSegment[], value: JsonValue, canonical: CanonicalText): string {
  const last = path[path.length - 1];
  return `${isContainerWithContent(value) ? '' : `${JSON.stringify(last)}=`}${canonical.of(value)}`;
}

function isContainerWithContent(value: JsonValue): boolean {
  return Array.isArray(value) ? value.length > 0 : isJsonObject(value) && Object.keys(value).length > 0;
}

function describe(f: Found, limit: number): JsonDifference {
  const onB = f.kind === 'added';
  const path = toPath(onB ? f.bPath : f.aPath);
  const to = toPath(f.bPath);
  const d: JsonDifference = { kind: f.kind, path, segments: onB ? f.bPath : f.aPath };
  if ((f.kind === 'moved' || f.kind === 'changed' || f.kind === 'type-changed') && to !== path) d.to = to;
  let truncated = false;
  const text = (v: JsonValue) => {
    const full = stringify(v) ?? 'null';
    if (full.length <= limit) return full;
    truncated = true;
    return `${full.slice(0, limit)}…`;
  };
  if (f.a !== undefined) {
    d.a = text(f.a);
    d.aType = jsonTypeName(f.a);
  }
  if (f.b !== undefined) {
    d.b = text(f.b);
    d.bType = jsonTypeName(f.b);
  }
  if (truncated) d.truncated = true;
  if (f.note) d.note = f.note;
  return d;
}
