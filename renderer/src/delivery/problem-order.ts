// The order problems are listed in: what was cut or left unread first (it explains why the rest of the
// page looks as it does: 50,000 of 4M calls, no JSON view), then errors, then warnings, then notes;
// the order ingest found them in otherwise.
import type { Problem } from '../../../shared/model.js';

/** Problems that say part of the body was not read, kept or indexed. */
const CUT = new Set(['truncated', 'decoded-too-large', 'not-derivable', 'value-limit', 'index-limit', 'depth-limit']);

const RANK = { error: 1, warning: 2, note: 3 } as const;

const rank = (p: Problem) => (CUT.has(p.code) ? 0 : RANK[p.severity]);

export function problemOrder(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => rank(a) - rank(b));
}
