// How the diff screen lays out differences: grouped under the object or array that holds them
// (`Details[0]`, `Details[0].NerSlots`), in the order the diff found them.
import { toPath } from '../../../shared/contract/json-path.js';
import type { JsonDifference } from '../../../shared/diff/json-diff.js';
import { formatDiffRef, parseDiffRef } from '../../../shared/diff/diff-source.js';
import { formatRoute } from '../routing/route.js';

export interface DiffGroup {
  /** The holder's path (`$` for the top level). */
  path: string;
  items: Array<{ member: string; difference: JsonDifference }>;
}

export function groupByHolder(differences: readonly JsonDifference[]): DiffGroup[] {
  const groups = new Map<string, DiffGroup>();
  for (const d of differences) {
    const path = toPath(d.segments.slice(0, -1));
    const last = d.segments[d.segments.length - 1];
    const member = last === undefined ? '(the whole body)' : typeof last === 'number' ? `[${last}]` : last;
    let group = groups.get(path);
    if (!group) groups.set(path, (group = { path, items: [] }));
    group.items.push({ member, difference: d });
  }
  return [...groups.values()];
}

/** The address of the diff screen comparing two sides (`12`, `send:4`, `example`). */
export function diffHref(a: string | number, b: string | number): string {
  return formatRoute({ name: 'diff', a: String(a), b: String(b) });
}

/** The screen of a side that is a delivery or a call, else null. */
export function deliveryHrefOf(ref: string): string | null {
  const source = parseDiffRef(ref);
  if (source?.source === 'delivery') return formatRoute({ name: 'delivery', id: source.id });
  if (source?.source === 'call') return formatRoute({ name: 'call', deliveryId: source.deliveryId, index: source.index });
  return null;
}

/** A side's reference written the way the address bar writes it (`12`, `send:4`, `example`), or null. */
export function normaliseRef(ref: string): string | null {
  const source = parseDiffRef(ref);
  return source ? formatDiffRef(source) : null;
}
