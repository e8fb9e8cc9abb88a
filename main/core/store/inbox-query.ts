// The inbox: filtered, newest-first pages of delivery summaries with keyset cursors, so that page N
// costs the same as page 1. Each filter is an index look-up (see the migration's indexes).
import type { DeliveryFilter, Page } from '../../../shared/api.js';
import type { DeliverySummary } from '../../../shared/model.js';
import type { Db } from './db.js';
import { toSummary, type DeliveryRow } from './deliveries.js';
import { toFtsQuery } from './fts-query.js';
import { prepareCached } from './statement-cache.js';

interface Where {
  clauses: string[];
  params: unknown[];
}

export function filterClauses(filter: DeliveryFilter): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (filter.endpoint) add('d.endpoint = ?', filter.endpoint);
  if (filter.kind) add('d.kind = ?', filter.kind);
  if (filter.hasProblems === 'errors') add('d.error_count > 0');
  if (filter.hasProblems === 'warnings') add('(d.error_count > 0 OR d.warning_count > 0)');
  if (filter.hasProblems === 'none') add('d.error_count = 0 AND d.warning_count = 0');
  if (filter.sign) add('d.sign_status = ?', filter.sign);
  if (filter.from !== undefined) add('d.received_at >= ?', filter.from);
  if (filter.to !== undefined) add('d.received_at < ?', filter.to);
  if (filter.taskId) add('(d.task_id = ? OR d.id IN (SELECT delivery_id FROM calls WHERE task_id = ?))', filter.taskId, filter.taskId);
  if (filter.callId) {
    add(
      'd.id IN (SELECT delivery_id FROM calls WHERE call_id = ? UNION SELECT delivery_id FROM redials WHERE call_id = ?)',
      filter.callId,
      filter.callId,
    );
  }
  if (filter.callee) {
    add(
      'd.id IN (SELECT delivery_id FROM calls WHERE callee_number = ? UNION SELECT delivery_id FROM redials WHERE callee_number = ?)',
      filter.callee,
      filter.callee,
    );
  }
  if (filter.status) add('d.id IN (SELECT delivery_id FROM calls WHERE status = ?)', filter.status);
  if (filter.intention) add('d.id IN (SELECT delivery_id FROM calls WHERE intention = ?)', filter.intention);
  const fts = filter.text ? toFtsQuery(filter.text) : null;
  if (fts) add('d.id IN (SELECT rowid FROM search WHERE search MATCH ?)', fts);
  return { clauses, params };
}

/** Cursor: `<receivedAt>.<id>` of the last row of the previous page. */
function parseCursor(cursor: string | undefined): [number, number] | null {
  if (!cursor) return null;
  const m = /^(\d+)\.(\d+)$/.exec(cursor);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export function listDeliveries(db: Db, filter: DeliveryFilter, limit: number, cursor?: string): Page<DeliverySummary> {
  const where = filterClauses(filter);
  const after = parseCursor(cursor);
  if (after) {
    where.clauses.push('(d.received_at < ? OR (d.received_at = ? AND d.id < ?))');
    where.params.push(after[0], after[0], after[1]);
  }
  const sql = `SELECT d.* FROM deliveries d
    ${where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''}
    ORDER BY d.received_at DESC, d.id DESC LIMIT ?`;
  const rows = prepareCached(db, sql).all(...where.params, limit + 1) as DeliveryRow[];
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? `${last.receivedAt}.${last.id}` : null };
}
