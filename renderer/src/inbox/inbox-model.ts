// The inbox list as data: newest first, merging live arrivals and older pages without duplicates,
// and deciding whether a live arrival can be matched against the filter without asking the server.
import type { DeliveryFilter } from '../../../shared/api.js';
import type { DeliverySummary } from '../../../shared/model.js';

const newerFirst = (a: DeliverySummary, b: DeliverySummary) => b.receivedAt - a.receivedAt || b.id - a.id;

/** Merges rows into a newest-first list; rows already present (same id) are replaced, not repeated. */
export function mergeRows(list: DeliverySummary[], rows: DeliverySummary[]): DeliverySummary[] {
  if (rows.length === 0) return list;
  const incoming = new Map(rows.map((r) => [r.id, r]));
  const kept = list.filter((r) => !incoming.has(r.id));
  const fresh = [...incoming.values()].sort(newerFirst);
  // Both sides are sorted: a linear merge keeps 100k-row lists cheap to update per frame.
  const out: DeliverySummary[] = new Array(kept.length + fresh.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) {
    const takeFresh = j < fresh.length && (i >= kept.length || newerFirst(fresh[j]!, kept[i]!) < 0);
    out[k] = takeFresh ? fresh[j++]! : kept[i++]!;
  }
  return out;
}

/**
 * A refetched first page, merged into the list. When more arrived than a page holds (its oldest row is
 * newer than the newest row shown when the page was asked for, and older pages follow), a merge would
 * leave a hole between the two that scrolling never fills (older pages load from below the list's
 * end): the list restarts from the page, and its cursor becomes the list's. Rows announced while the
 * page was on its way are newer than that mark and say nothing about the hole.
 */
export function mergeHead(
  list: DeliverySummary[],
  page: { items: DeliverySummary[]; nextCursor: string | null },
  newestWhenAsked: DeliverySummary | undefined = list[0],
): { rows: DeliverySummary[]; restartAt?: string } {
  const oldest = page.items.at(-1);
  if (page.nextCursor !== null && oldest && newestWhenAsked && newerFirst(oldest, newestWhenAsked) < 0) {
    return { rows: page.items, restartAt: page.nextCursor };
  }
  return { rows: mergeRows(list, page.items) };
}

/** Filter fields that only the server can evaluate (they look into calls or the full-text index). */
const SERVER_ONLY = ['text', 'callId', 'callee', 'taskId', 'status', 'intention'] as const;

export function needsServerMatch(filter: DeliveryFilter): boolean {
  return SERVER_ONLY.some((k) => filter[k] !== undefined && filter[k] !== '');
}

/** Whether a summary passes the filter's summary-level fields (callers check needsServerMatch first). */
export function matchesSummary(filter: DeliveryFilter, d: DeliverySummary): boolean {
  if (filter.endpoint && d.endpoint !== filter.endpoint) return false;
  if (filter.kind && d.kind !== filter.kind) return false;
  if (filter.sign && d.sign !== filter.sign) return false;
  if (filter.hasProblems === 'errors' && d.errorCount === 0) return false;
  if (filter.hasProblems === 'warnings' && d.errorCount + d.warningCount === 0) return false;
  if (filter.hasProblems === 'notes' && d.errorCount + d.warningCount + d.noteCount === 0) return false;
  if (filter.hasProblems === 'none' && d.errorCount + d.warningCount > 0) return false;
  if (filter.from !== undefined && d.receivedAt < filter.from) return false;
  if (filter.to !== undefined && d.receivedAt >= filter.to) return false;
  if (filter.taskName !== undefined && d.taskName !== filter.taskName) return false;
  if (filter.method !== undefined && d.method !== filter.method) return false;
  if (filter.path !== undefined && d.path !== filter.path) return false;
  if (filter.answer !== undefined && d.responseStatus !== (filter.answer === 'none' ? null : filter.answer)) return false;
  if (filter.callCount !== undefined && d.callCount !== filter.callCount) return false;
  if (filter.retry !== undefined && (d.retryOf !== null) !== filter.retry) return false;
  if (filter.resend !== undefined && d.resend !== filter.resend) return false;
  return true;
}

/** Highest attempt seen per retry group (keyed by the first delivery's id), for the `k/n` column. */
export function retryTotals(list: DeliverySummary[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const d of list) {
    const root = d.retryOf ?? d.id;
    totals.set(root, Math.max(totals.get(root) ?? 1, d.attempt));
  }
  return totals;
}
