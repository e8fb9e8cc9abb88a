// Pretty-prints a body without losing information, read by the same parser as ingest
// (shared/json/lossless-parse.ts): every number keeps its digits (an id beyond 2^53 stays exact,
// where JSON.parse would round it), and what ingest warns about (duplicate keys, the depth and value
// limits) comes back as problems to show beside the text rather than as a parse failure.
import { stringify } from 'lossless-json';
import type { Problem } from '../../../shared/model.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';

/** `problems` is present only when the parser had something to say about a body it read. */
export type Pretty = { ok: true; text: string; problems?: Problem[] } | { ok: false; error: string };

export function prettyJson(text: string): Pretty {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: parsed.error.message };
  const pretty = stringify(parsed.value, undefined, 2) ?? '';
  return parsed.problems.length > 0 ? { ok: true, text: pretty, problems: parsed.problems } : { ok: true, text: pretty };
}
