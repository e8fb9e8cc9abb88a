// The inbox: filtered, newest-first pages of delivery summaries with keyset cursors, so that page N
// costs the same as page 1, and how many deliveries a filter matches. Each filter is an index look-up
// (see the migration's indexes).
import type { DeliveryFilter, Page } from '../../../shared/api.js';
import type { DeliverySummary } from '../../../shared/model.js';
import { calleeSpellings } from '../../../shared/phone-number.js';
import type { Db } from './db.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './delivery-view.js';
import { toFtsQuery } from './fts-query.js';
import { prepareCached } from './statement-cache.js';

interface Where {
  clauses: string[];
  params: unknown[];
}

function filterClauses(filter: DeliveryFilter): Where {
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
  if (filter.hasProblems === 'notes') add('(d.error_count > 0 OR d.warning_count > 0 OR d.note_count > 0)');
  // Notes are how the vendor itself sends: a delivery with only notes has nothing to chase.
  if (filter.hasProblems === 'none') add('d.error_count = 0 AND d.warning_count = 0');
  if (filter.sign) add('d.sign_status = ?', filter.sign);
  if (filter.from !== undefined) add('d.received_at >= ?', filter.from);
  if (filter.to !== undefined) add('d.received_at < ?', filter.to);
  if (filter.taskId) add('d.task_id = ?', filter.taskId);
  if (filter.taskName) add('d.task_name = ?', filter.taskName);
  if (filter.method) add('d.method = ?', filter.method);
  if (filter.path) add('d.path = ?', filter.path);
  if (filter.answer === 'none') add('d.response_status IS NULL');
  else if (filter.answer !== undefined) add('d.response_status = ?', filter.answer);
  if (filter.callCount !== undefined) add('d.call_count = ?', filter.callCount);
  // IS NOT NULL is what the partial index deliveries_retry_of holds.
  if (filter.retry !== undefined) add(filter.retry ? 'd.retry_of IS NOT NULL' : 'd.retry_of IS NULL');
  if (filter.resend !== undefined) add('d.resend = ?', filter.resend ? 1 : 0);
  if (filter.callId) {
    add(
      'd.id IN (SELECT delivery_id FROM calls WHERE call_id = ? UNION SELECT delivery_id FROM redials WHERE call_id = ?)',
      filter.callId,
      filter.callId,
    );
  }
  if (filter.callee) {
    // Each spelling (with and without the +) is a look-up in the callee indexes.
    const spellings = calleeSpellings(filter.callee);
    const any = `IN (${spellings.map(() => '?').join(', ')})`;
    add(
      `d.id IN (SELECT delivery_id FROM calls WHERE callee_number ${any} UNION SELECT delivery_id FROM redials WHERE callee_number ${any})`,
      ...spellings,
      ...spellings,
    );
  }
  // A status or intention matches a large share of the calls: probing each row met while walking the
  // time index (newest first) finds a page quickly, where building the whole id list would not.
  if (filter.status) add('EXISTS (SELECT 1 FROM calls c WHERE c.delivery_id = d.id AND c.status = ?)', filter.status);
  if (filter.intention) add('EXISTS (SELECT 1 FROM calls c WHERE c.delivery_id = d.id AND c.intention = ?)', filter.intention);
  return { clauses, params };
}

/** Whether the filter lets every delivery through. */
export function matchesAll(filter: DeliveryFilter): boolean {
  return filterClauses(filter).clauses.length === 0 && !(filter.text && toFtsQuery(filter.text));
}

/** Cursor: the id of the last row of the previous page. */
function parseCursor(cursor: string | undefined): number | null {
  return cursor && /^\d+$/.test(cursor) ? Number(cursor) : null;
}

/**
 * Newest first is id order: the receiver inserts in arrival order, so ids follow received time, and
 * id order lets a full-text search stream from the FTS index (which yields rowids in order) instead
 * of collecting every match of a common word before the first page.
 */
export function listDeliveries(db: Db, filter: DeliveryFilter, limit: number, cursor?: string): Page<DeliverySummary> {
  const { from, params, idColumn } = scopedQuery(filter, { beforeId: parseCursor(cursor) });
  const rows = prepareCached(db, `SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY ${idColumn} DESC LIMIT ?`).all(
    ...params,
    limit + 1,
  ) as SummaryRow[];
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map(toSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? String(last.id) : null };
}

/** How many deliveries match (within `bounds`): one COUNT over the same scope as the pages (BENCHMARKS.md has its cost). */
export function countDeliveries(db: Db, filter: DeliveryFilter, bounds: Bounds = {}): number {
  const { from, params } = scopedQuery(filter, bounds);
  return (prepareCached(db, `SELECT COUNT(*) AS n ${from}`).get(...params) as { n: number }).n;
}

/** Bounds on a filtered query, for paging: ids below or above one, or arrivals after one (receivedAt, then id). */
export interface Bounds {
  beforeId?: number | null;
  afterId?: number | null;
  arrivedAfter?: { receivedAt: number; id: number } | null;
}

/**
 * `FROM … WHERE …` selecting the filter's deliveries as `d`, driven by the FTS index when searching
 * text; `idColumn` is the delivery id to order and page by (the FTS rowid then, so that FTS5 itself
 * yields the rows in order and stops at the page's end).
 */
export function scopedQuery(
  filter: DeliveryFilter,
  { beforeId = null, afterId = null, arrivedAfter = null }: Bounds = {},
): { from: string; params: unknown[]; idColumn: string } {
  const { clauses, params } = filterClauses(filter);
  const fts = filter.text ? toFtsQuery(filter.text) : null;
  const idColumn = fts ? 'search.rowid' : 'd.id';
  if (beforeId !== null) {
    clauses.push(`${idColumn} < ?`);
    params.push(beforeId);
  }
  if (afterId !== null) {
    clauses.push(`${idColumn} > ?`);
    params.push(afterId);
  }
  if (arrivedAfter !== null) {
    clauses.push('(d.received_at > ? OR (d.received_at = ? AND d.id > ?))');
    params.push(arrivedAfter.receivedAt, arrivedAfter.receivedAt, arrivedAfter.id);
  }
  if (fts) {
    clauses.unshift('search MATCH ?');
    params.unshift(fts);
  }
  const from = fts ? 'FROM search JOIN deliveries d ON d.id = search.rowid' : 'FROM deliveries d';
  return { from: `${from}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`, params, idColumn };
}
