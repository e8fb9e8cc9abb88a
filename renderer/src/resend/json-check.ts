// The re-send editor's JSON check, with ingest's parser (shared/json/lossless-parse.ts), so that the
// form calls valid what ingest reads. Runs in a worker for a big body (use-json-check.ts).
import { parseJson } from '../../../shared/json/lossless-parse.js';
import type { Problem } from '../../../shared/model.js';

export type JsonCheck = { ok: true; warnings?: Problem[] } | { ok: false; error: string };

/**
 * Checks JSON with ingest's parser (the parse is only a check: the text is sent as typed). What ingest
 * accepts with a warning, such as a duplicate key the vendor sent, is valid; the warnings come along.
 */
export function checkJson(text: string): JsonCheck {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: parsed.error.message };
  return parsed.problems.length > 0 ? { ok: true, warnings: parsed.problems } : { ok: true };
}
