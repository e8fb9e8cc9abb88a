// Compares two bodies as well as they allow: by JSON structure when both are JSON, else as text, else
// as bytes. Never throws for what a body contains: a side that is not JSON is a clear result.
// The core decodes and parses each side (its parser keeps big numbers exact); this decides and words.
import type { JsonValue } from '../contract/json-value.js';
import { DIFF_KINDS, diffJson, emptyCounts, type DiffCounts, type DiffOptions, type JsonDiff } from './json-diff.js';
import { firstByteDifference, firstTextDifference, sameBytes, type FirstDifference } from './text-diff.js';

/** One side as the core prepared it. */
export interface PreparedSide {
  label: string;
  /** The body's bytes, after Content-Encoding is undone. */
  bytes: Uint8Array;
  /** Those bytes as text, or null when they are not text (binary, undecodable). */
  text: string | null;
  /** The parse of `text`; null when there is no text. */
  json: { ok: true; value: JsonValue } | { ok: false; error: string } | null;
  /** What a reader should know about this side (truncated, duplicate keys, depth limit). */
  notes?: string[];
}

export interface DiffSide {
  label: string;
  /** Bytes, after Content-Encoding is undone. */
  size: number;
  format: 'json' | 'text' | 'binary';
  /** Why a text side is not JSON (the parser's message). */
  notJson?: string;
  notes: string[];
}

export interface BodyDiff extends JsonDiff {
  a: DiffSide;
  b: DiffSide;
  /** `json`: path by path; `text` / `bytes`: at least one side is not JSON (not text), so only where they first differ. */
  mode: 'json' | 'text' | 'bytes';
  /** No structural difference (json), or identical text / bytes. */
  equal: boolean;
  sameBytes: boolean;
  /** For text and bytes mode: where the bodies first differ; null when equal or in json mode. */
  firstDifference: FirstDifference | null;
  /** One sentence saying what was found. */
  summary: string;
}

export function compareBodies(a: PreparedSide, b: PreparedSide, options: DiffOptions = {}): BodyDiff {
  const sides = { a: sideInfo(a), b: sideInfo(b) };
  const identical = sameBytes(a.bytes, b.bytes);
  if (a.json?.ok && b.json?.ok) {
    const diff = diffJson(a.json.value, b.json.value, options);
    const equal = diff.counts.total === 0;
    return {
      ...sides,
      ...diff,
      mode: 'json',
      equal,
      sameBytes: identical,
      firstDifference: null,
      summary: jsonSummary(diff.counts, identical, a.text === b.text),
    };
  }
  const none = { differences: [], counts: emptyCounts(), omitted: 0 };
  if (a.text !== null && b.text !== null) {
    const first = firstTextDifference(a.text, b.text);
    const why = notJsonReason(sides.a, sides.b);
    const summary = first ? `${why}; the texts differ from line ${first.line}, column ${first.column}` : `${why}; the texts are identical`;
    return { ...sides, ...none, mode: 'text', equal: first === null, sameBytes: identical, firstDifference: first, summary };
  }
  const first = firstByteDifference(a.bytes, b.bytes);
  const which =
    sides.a.format === 'binary' && sides.b.format === 'binary'
      ? 'neither side is text'
      : `${sides.a.format === 'binary' ? 'A' : 'B'} is not text`;
  const summary = first
    ? `${which}; the bytes differ from offset ${first.offset} (A has ${a.bytes.length}, B has ${b.bytes.length})`
    : `${which}; the bytes are identical`;
  return { ...sides, ...none, mode: 'bytes', equal: first === null, sameBytes: identical, firstDifference: first, summary };
}

function sideInfo(s: PreparedSide): DiffSide {
  const format = s.json?.ok ? 'json' : s.text !== null ? 'text' : 'binary';
  return { label: s.label, size: s.bytes.length, format, ...(s.json && !s.json.ok && { notJson: s.json.error }), notes: s.notes ?? [] };
}

function notJsonReason(a: DiffSide, b: DiffSide): string {
  if (a.notJson !== undefined && b.notJson !== undefined) return 'neither side is JSON';
  return a.notJson !== undefined ? `A is not JSON (${a.notJson})` : `B is not JSON (${b.notJson})`;
}

/** `1 changed, 2 added` (kinds with none left out). */
export function describeCounts(counts: DiffCounts): string {
  return DIFF_KINDS.filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k.replace('-', ' ')}`)
    .join(', ');
}

function jsonSummary(counts: DiffCounts, identicalBytes: boolean, identicalText: boolean): string {
  if (counts.total === 0) {
    if (identicalBytes) return 'identical';
    // The same text from different bytes: UTF-16 against UTF-8, a byte-order mark, another charset.
    if (identicalText) return 'no structural differences (the same text in different bytes: character encoding or a byte-order mark)';
    return 'no structural differences (the bytes differ only in formatting: whitespace, key order or escapes)';
  }
  return `${counts.total} difference${counts.total === 1 ? '' : 's'}: ${describeCounts(counts)}`;
}
