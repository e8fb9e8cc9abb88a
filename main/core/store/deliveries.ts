// Deliveries: the raw capture plus what ingest derived, written in one transaction with their calls,
// redials and search text. SQL for the deliveries table lives here and nowhere else.
import type { CapturedRequest, GivenResponse } from '../../../shared/model.js';
import type { IngestResult } from '../ingest/types.js';
import type { Db } from './db.js';
import { sha256Hex } from './hash.js';
import { resendMarkOf, verifiedMark } from './resend-mark.js';
import { resendSecretStatements } from './resend-secret.js';
import { RECENT_CAPACITY, recentArrivals, type ArrivalKey, type RecentArrivals } from './recent-arrivals.js';
import { packJson } from './packed-json.js';
import { countProblems } from '../../../shared/problem-counts.js';
import { SUMMARY_COLUMNS, type SummaryRow } from './delivery-view.js';

/** The vendor retries every minute, 5 times; same body at the same endpoint within this gap = a retry. */
export const RETRY_WINDOW_MS = 10 * 60_000;

export interface DeliveryRow {
  id: number;
  received_at: number;
  endpoint: string;
  method: string;
  path: string;
  query: string;
  headers: string;
  remote_address: string;
  size: number;
  sha256: string;
  truncated: number;
  content_type: string | null;
  content_encoding: string | null;
  charset: string | null;
  kind: string;
  shape: string | null;
  task_id: string | null;
  task_name: string | null;
  plan_name: string | null;
  call_count: number;
  status_summary: string;
  error_count: number;
  warning_count: number;
  note_count: number;
  problems: Buffer;
  sign_status: string;
  sign: Buffer;
  response_status: number | null;
  response: string;
  retry_of: number | null;
  attempt: number;
  /** 1: this app's own re-send to itself (receiver/resend-mark.ts). */
  resend: number;
}

/** Everything needed to write one delivery; `id` only when importing with a known id. */
export interface NewDelivery {
  id?: number;
  captured: CapturedRequest;
  ingest: IngestResult;
}

/** A delivery recorded by the receiver and not yet through ingest. */
export interface PendingRow {
  id: number;
  received_at: number;
  endpoint: string;
  headers: string;
  truncated: number;
  size: number;
}

/** The deliveries columns that ingest decides. */
type DerivedColumns = ReturnType<typeof derivedColumns>;

function derivedColumns(g: IngestResult) {
  const statusSummary: Record<string, number> = {};
  for (const call of g.calls) {
    const s = call.status ?? '(none)';
    statusSummary[s] = (statusSummary[s] ?? 0) + 1;
  }
  // Real totals: a summary of the problems past the list's limit counts all it stands for.
  const counts = countProblems(g.problems);
  return {
    content_type: g.contentType,
    content_encoding: g.contentEncoding,
    charset: g.charset,
    kind: g.kind as string,
    shape: g.shape,
    task_id: g.taskId,
    task_name: g.taskName,
    plan_name: g.planName,
    call_count: g.calls.length,
    status_summary: JSON.stringify(statusSummary),
    error_count: counts.errors,
    warning_count: counts.warnings,
    note_count: counts.notes,
    problems: packJson(g.problems),
    sign_status: g.sign.status as string,
    sign: packJson(g.sign),
  };
}

/** What ingest gives the calls, redials and search tables. */
type DerivedRows = Pick<IngestResult, 'taskId' | 'calls' | 'searchText'>;

/**
 * A delivery's derived columns, computed (and deflated) before the write so the transaction is only
 * SQL. It crosses threads (derive worker to writer), so it holds only what the write needs: problems
 * and Sign travel packed, inside `columns`.
 */
export interface PreparedDerived {
  id: number;
  columns: DerivedColumns;
  rows: DerivedRows;
}

export function prepareDerived(id: number, g: IngestResult): PreparedDerived {
  return { id, columns: derivedColumns(g), rows: { taskId: g.taskId, calls: g.calls, searchText: g.searchText } };
}

/** What a delivery's derived columns hold until ingest has run. */
const PENDING: DerivedColumns = {
  content_type: null,
  content_encoding: null,
  charset: null,
  kind: 'pending',
  shape: null,
  task_id: null,
  task_name: null,
  plan_name: null,
  call_count: 0,
  status_summary: '{}',
  error_count: 0,
  warning_count: 0,
  note_count: 0,
  problems: packJson([]),
  sign_status: 'not-checked',
  sign: packJson({ status: 'not-checked', scheme: 'none', reason: 'not yet checked' }),
};

/**
 * A re-send's key holds its mark's label, apart from the vendor's (''). Only a mark signed with this
 * data directory's secret counts: a forged or empty one is the vendor's like any other delivery.
 */
const keyOf = (c: CapturedRequest, sha256: string, secret: () => Buffer | null): ArrivalKey => {
  const header = resendMarkOf(c.headers);
  const mark = header === null ? null : verifiedMark(header, sha256, secret());
  return { endpoint: c.endpoint, method: c.method, path: c.path, sha256, mark: mark === null ? '' : `m:${mark}` };
};

export interface RetryPosition {
  retryOf: number | null;
  attempt: number;
}

export function deliveryStatements(db: Db) {
  const resendSecret = resendSecretStatements(db);
  const recentArrivalRows = db.prepare<
    [number, number],
    { id: number; received_at: number; endpoint: string; method: string; path: string; sha256: string }
  >(
    `SELECT id, received_at, endpoint, method, path, sha256 FROM deliveries
      WHERE received_at >= ? AND size > 0 AND resend = 0 ORDER BY received_at DESC, id DESC LIMIT ?`,
  );
  type SameRequest = { id: number; retry_of: number | null; attempt: number; received_at: number };
  const sameRequestAt = db.prepare<[number, string, string, string, string, number], SameRequest>(
    `SELECT id, retry_of, attempt, received_at FROM deliveries WHERE id = ? AND sha256 = ? AND endpoint = ? AND method = ? AND path = ? AND resend = ?`,
  );
  // The window's fallback (an arrival it noted was rolled back): a scan of the last minutes by received_at,
  // among the vendor's deliveries (this app's re-sends to itself are never the vendor's first attempt).
  const latestSameRequest = db.prepare<[number, string, string, string, string], SameRequest>(
    `SELECT id, retry_of, attempt, received_at FROM deliveries
      WHERE received_at >= ? AND sha256 = ? AND endpoint = ? AND method = ? AND path = ? AND resend = 0
      ORDER BY received_at DESC, id DESC LIMIT 1`,
  );
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (id, received_at, endpoint, method, path, query, headers, remote_address, size, sha256,
       truncated, content_type, content_encoding, charset, kind, shape, task_id, task_name, plan_name, call_count,
       status_summary, error_count, warning_count, note_count, problems, sign_status, sign, response_status, response, retry_of, attempt, resend)
     VALUES (@id, @received_at, @endpoint, @method, @path, @query, @headers, @remote_address, @size, @sha256,
       @truncated, @content_type, @content_encoding, @charset, @kind, @shape, @task_id, @task_name, @plan_name, @call_count,
       @status_summary, @error_count, @warning_count, @note_count, @problems, @sign_status, @sign, @response_status, @response, @retry_of, @attempt, @resend)`,
  );
  const insertBody = db.prepare(`INSERT INTO bodies (delivery_id, raw) VALUES (?, ?)`);
  const insertCall = db.prepare(
    `INSERT INTO calls (delivery_id, idx, call_id, callee_number, callee_name, task_id, status, intention, start_time,
       end_time, duration_sec, ring_type, ring_time, hangup_type, redial_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRedial = db.prepare(
    `INSERT INTO redials (call_row, delivery_id, call_idx, idx, call_id, callee_number, caller_number, start_time_raw,
       ring_type, ring_time, hangup_type, result_label)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSearch = db.prepare(`INSERT INTO search (rowid, text) VALUES (?, ?)`);
  const updateDerived = db.prepare(
    `UPDATE deliveries SET content_type = @content_type, content_encoding = @content_encoding, charset = @charset,
       kind = @kind, shape = @shape, task_id = @task_id, task_name = @task_name, plan_name = @plan_name,
       call_count = @call_count, status_summary = @status_summary, error_count = @error_count,
       warning_count = @warning_count, note_count = @note_count, problems = @problems, sign_status = @sign_status, sign = @sign
     WHERE id = @id AND kind = 'pending'`,
  );
  const lastPending = db.prepare<[], { id: number | null }>(`SELECT MAX(id) AS id FROM deliveries WHERE kind = 'pending'`);
  const updateResponse = db.prepare<[number | null, string, number]>(
    `UPDATE deliveries SET response_status = ?, response = ? WHERE id = ?`,
  );
  const pendingRows = db.prepare<[number, number], PendingRow>(
    `SELECT id, received_at, endpoint, headers, truncated, size FROM deliveries WHERE kind = 'pending' AND id > ? ORDER BY id LIMIT ?`,
  );
  const idTaken = db.prepare<[number], { id: number }>(`SELECT id FROM deliveries WHERE id = ?`);
  const byId = db.prepare<[number], DeliveryRow>(`SELECT * FROM deliveries WHERE id = ?`);
  const summaryById = db.prepare<[number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM deliveries d WHERE d.id = ?`);
  const bodyById = db.prepare<[number], { raw: Buffer }>(`SELECT raw FROM bodies WHERE delivery_id = ?`);
  const retryGroup = db.prepare<[number, number], { id: number; received_at: number; attempt: number; response_status: number | null }>(
    `SELECT id, received_at, attempt, response_status FROM deliveries
      WHERE id = ? OR retry_of = ? ORDER BY received_at, id`,
  );
  const sameImport = db.prepare<[number, string, string, string], { id: number }>(
    `SELECT id FROM deliveries WHERE received_at = ? AND sha256 = ? AND path = ? AND method = ? LIMIT 1`,
  );

  /**
   * Where a request stands among earlier arrivals of the same body (same method, path, endpoint).
   * An empty body is never a retry: health checks and tunnel probes all have the same empty hash. This
   * app's own re-sends to itself (marked) are grouped by their mark, apart from the vendor's attempts.
   */
  function retryPosition(c: CapturedRequest, key: ArrivalKey): RetryPosition {
    if (c.body.byteLength === 0) return { retryOf: null, attempt: 1 };
    const since = c.receivedAt - RETRY_WINDOW_MS;
    const noted = recent().latest(key, since);
    if (!noted) return { retryOf: null, attempt: 1 };
    // The row as it is now: retention may have removed it, or only its first attempt (whose later
    // attempts then point at themselves, as ON DELETE SET NULL left them). An arrival noted in a
    // transaction that rolled back is not there (or its id was reused): the store has the truth.
    let row = sameRequestAt.get(noted.id, key.sha256, c.endpoint, c.method, c.path, key.mark ? 1 : 0);
    // A re-send's attempts are found in the window only: the store's fallback knows the vendor's.
    if (!row && key.mark) {
      recent().replace(key, null);
      return { retryOf: null, attempt: 1 };
    }
    if (!row) {
      row = latestSameRequest.get(since, key.sha256, c.endpoint, c.method, c.path);
      recent().replace(key, row ? { id: row.id, receivedAt: row.received_at } : null);
      if (!row) return { retryOf: null, attempt: 1 };
    }
    return { retryOf: row.retry_of ?? row.id, attempt: row.attempt + 1 };
  }

  /** The last window of arrivals, read from the store once (warmRetryWindow), then kept by `noteArrival`. */
  let recentCache: RecentArrivals | null = null;
  function recent(): RecentArrivals {
    if (recentCache) return recentCache;
    recentCache = recentArrivals(RETRY_WINDOW_MS, RECENT_CAPACITY);
    const rows = recentArrivalRows.all(Date.now() - RETRY_WINDOW_MS, RECENT_CAPACITY);
    for (let i = rows.length - 1; i >= 0; i--) {
      const r = rows[i]!;
      recentCache.note({ ...r, mark: '' }, { id: r.id, receivedAt: r.received_at });
    }
    return recentCache;
  }
  function noteArrival(c: CapturedRequest, key: ArrivalKey, id: number): void {
    // An import of old (or future-dated) deliveries must not push the live window out.
    if (c.body.byteLength === 0 || !recentCache || Math.abs(Date.now() - c.receivedAt) > RETRY_WINDOW_MS) return;
    recentCache.note(key, { id, receivedAt: c.receivedAt });
  }

  function insertRow(
    c: CapturedRequest,
    id: number | null,
    key: ArrivalKey,
    position: RetryPosition,
    response: GivenResponse,
    derived: DerivedColumns,
  ): number {
    const info = insertDelivery.run({
      id,
      received_at: c.receivedAt,
      endpoint: c.endpoint,
      method: c.method,
      path: c.path,
      query: c.query,
      headers: JSON.stringify(c.headers),
      remote_address: c.remoteAddress,
      size: c.body.byteLength,
      sha256: key.sha256,
      truncated: c.truncated ? 1 : 0,
      ...derived,
      response_status: response.status,
      response: JSON.stringify(response),
      retry_of: position.retryOf,
      attempt: position.attempt,
      resend: key.mark ? 1 : 0,
    });
    const rowId = Number(info.lastInsertRowid);
    insertBody.run(rowId, Buffer.from(c.body.buffer, c.body.byteOffset, c.body.byteLength));
    return rowId;
  }

  /** The rows only ingest can produce: calls, their redials, the search text. */
  function insertDerivedRows(id: number, g: DerivedRows): void {
    for (const call of g.calls) {
      const callRow = Number(
        insertCall.run(
          id,
          call.index,
          call.callId,
          call.calleeNumber,
          call.calleeName,
          g.taskId,
          call.status,
          call.intention,
          call.startTime,
          call.endTime,
          call.durationSec,
          call.ringType,
          call.ringTime,
          call.hangupType,
          call.redials.length,
        ).lastInsertRowid,
      );
      for (const r of call.redials) {
        insertRedial.run(
          callRow,
          id,
          call.index,
          r.index,
          r.callId,
          r.calleeNumber,
          r.callerNumber,
          r.startTimeRaw,
          r.ringType,
          r.ringTime,
          r.hangupType,
          r.resultLabel,
        );
      }
    }
    if (g.searchText) insertSearch.run(id, g.searchText);
  }

  function write(d: NewDelivery, key: ArrivalKey, position: RetryPosition, response: GivenResponse): number {
    const id = d.id !== undefined && !idTaken.get(d.id) ? d.id : null;
    const rowId = insertRow(d.captured, id, key, position, response, derivedColumns(d.ingest));
    insertDerivedRows(rowId, d.ingest);
    return rowId;
  }

  /**
   * Records a live delivery as it arrived, before ingest: the receiver's hot path. `decide` picks the
   * answer once the retry position is known (fail-first-N needs it); both happen in one transaction
   * so concurrent arrivals cannot share an attempt number. The derived columns stay `pending` until
   * `applyDerived` (main/core/derive) fills them.
   */
  const recordRaw = (c: CapturedRequest, decide: (p: RetryPosition) => GivenResponse) => {
    // The header scan for a re-send's mark and the hash happen once a delivery, on the hot path.
    const key = keyOf(c, sha256Hex(c.body), resendSecret.current);
    const position = retryPosition(c, key);
    const response = decide(position);
    const id = insertRow(c, null, key, position, response, PENDING);
    noteArrival(c, key, id);
    return { id, position, response };
  };

  /** Fills a pending delivery's derived columns and rows; false when it is gone or already derived. */
  const applyDerived = (p: PreparedDerived): boolean => {
    const changed = updateDerived.run({ id: p.id, ...p.columns }).changes;
    if (changed === 0) return false;
    insertDerivedRows(p.id, p.rows);
    return true;
  };

  /** Writes an exported delivery back; returns null when the same capture is already stored. */
  const restore = db.transaction((d: NewDelivery, response: GivenResponse, retryOf: number | null, attempt: number) => {
    const sha256 = sha256Hex(d.captured.body);
    const existing = sameImport.get(d.captured.receivedAt, sha256, d.captured.path, d.captured.method);
    if (existing) return { id: existing.id, created: false };
    const key = keyOf(d.captured, sha256, resendSecret.current);
    const id = write(d, key, { retryOf, attempt }, response);
    noteArrival(d.captured, key, id);
    return { id, created: true };
  });

  type One = (item: unknown) => void;
  const savepoint = db.transaction((item: unknown, one: One) => one(item));
  const recordMany = db.transaction((items: unknown[], one: One, failed: (item: unknown, error: unknown) => void) => {
    for (const item of items) {
      try {
        savepoint(item, one);
      } catch (error) {
        failed(item, error);
      }
    }
  });
  /**
   * One snapshot for the whole read: a read outside a transaction re-checks the WAL and, if anything
   * was committed since, drops the connection's page cache, and the receiver commits between reads.
   */
  const pendingWithBodies = db.transaction((afterId: number, maxRows: number, maxBytes: number) => {
    const out: Array<{ row: PendingRow; body: Buffer }> = [];
    let bytes = 0;
    for (const row of pendingRows.all(afterId, maxRows)) {
      if (out.length > 0 && bytes + row.size > maxBytes) break;
      const body = bodyById.get(row.id)?.raw;
      if (!body) continue; // removed by retention since the query
      bytes += row.size;
      out.push({ row, body });
    }
    return out;
  });
  const applyMany = db.transaction((items: PreparedDerived[]) => items.filter(applyDerived).map((i) => i.id));

  return {
    recordRaw,
    /** Reads the retry window now (at start, before the receiver listens) instead of at the first arrival. */
    warmRetryWindow: () => void recent(),
    /**
     * Several live deliveries in one transaction (group commit), taking the write lock at once. Each
     * runs in its own savepoint, so one failure costs only itself (`failed` is told).
     */
    recordBatch: <T>(items: T[], one: (item: T) => void, failed: (item: T, error: unknown) => void) =>
      recordMany.immediate(items, one as One, failed as (item: unknown, error: unknown) => void),
    /** Derived results of several deliveries in one transaction; returns the ids that were pending. */
    applyDerivedBatch: (items: PreparedDerived[]) => applyMany.immediate(items),
    /** The answer given, once known after the commit (relay: the target's answer). */
    setResponse: (id: number, response: GivenResponse) => void updateResponse.run(response.status, JSON.stringify(response), id),
    /** The newest delivery still waiting for ingest (0: none). */
    lastPendingId: () => lastPending.get()?.id ?? 0,
    /** Deliveries still waiting for ingest after `afterId`, oldest first, with their bodies: up to `maxBytes` of them (at least one delivery), read as one snapshot. */
    pendingWithBodies: (afterId: number, maxRows: number, maxBytes: number) => pendingWithBodies(afterId, maxRows, maxBytes),
    restore,
    row: (id: number) => byId.get(id),
    /** The row with what its summary shows beside it (delivery-view.ts). */
    summaryRow: (id: number) => summaryById.get(id),
    /** The oldest delivery still waiting for ingest after `afterId`, or null. */
    firstPendingAfter: (afterId: number) => pendingRows.get(afterId, 1)?.id ?? null,
    body: (id: number) => bodyById.get(id)?.raw,
    retryGroup: (rootId: number) => retryGroup.all(rootId, rootId),
  };
}

/** A pending row as it will read once derived: what readers outside the core's API (export) show. */
export function withDerived(r: DeliveryRow, g: IngestResult): DeliveryRow {
  return { ...r, ...derivedColumns(g) };
}
