// Deciding whether a live arrival can be matched against the inbox's filter without asking the
// server, and the retry column's totals.
import type { DeliveryFilter } from '../../../shared/api.js';
import type { DeliverySummary } from '../../../shared/model.js';

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
