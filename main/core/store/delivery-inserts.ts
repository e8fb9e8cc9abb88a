// The writes of the deliveries table and what hangs off it: a delivery's row and body, and the rows
// only ingest produces (calls, redials, search text). SQL that inserts deliveries lives here only.
import type { CapturedRequest, GivenResponse } from '../../../shared/model.js';
import type { Db } from './db.js';
import { PENDING, type DerivedColumns, type DerivedRows, type PreparedDerived } from './derived-columns.js';
import type { ArrivalKey } from './recent-arrivals.js';
import type { RetryPosition } from './retry-position.js';

/** A constant as SQL text: what the pending row holds is fixed, and a literal costs no binding. */
function literal(value: string | number | Buffer | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return `X'${value.toString('hex')}'`;
}

export function deliveryInserts(db: Db) {
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (id, received_at, endpoint, method, path, query, headers, remote_address, size, sha256,
       truncated, content_type, content_encoding, charset, kind, shape, task_id, task_name, plan_name, call_count,
       status_summary, error_count, warning_count, note_count, problems, sign_status, sign, response_status, response, retry_of, attempt, resend)
     VALUES (@id, @received_at, @endpoint, @method, @path, @query, @headers, @remote_address, @size, @sha256,
       @truncated, @content_type, @content_encoding, @charset, @kind, @shape, @task_id, @task_name, @plan_name, @call_count,
       @status_summary, @error_count, @warning_count, @note_count, @problems, @sign_status, @sign, @response_status, @response, @retry_of, @attempt, @resend)`,
  );
  // The receiver's insert: only what an arrival brings is bound, by position; what ingest decides
  // later is the pending row's constants, in the SQL text. Binding the 32 columns by name cost a
  // delivery ~6.5 µs of the receiver's thread, a third of the row's insert (measured in isolation).
  const pendingColumns = Object.keys(PENDING) as Array<keyof DerivedColumns>;
  const insertArrival = db.prepare<
    [number, string, string, string, string, string, string, number, string, number, number | null, string, number | null, number, number]
  >(
    `INSERT INTO deliveries (received_at, endpoint, method, path, query, headers, remote_address, size, sha256, truncated,
       ${pendingColumns.join(', ')}, response_status, response, retry_of, attempt, resend)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${pendingColumns.map((k) => literal(PENDING[k])).join(', ')}, ?, ?, ?, ?, ?)`,
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

  /** A live arrival's row and body, pending ingest: the receiver's hot path. */
  function insertPending(c: CapturedRequest, key: ArrivalKey, position: RetryPosition, response: GivenResponse): number {
    const info = insertArrival.run(
      c.receivedAt,
      c.endpoint,
      c.method,
      c.path,
      c.query,
      JSON.stringify(c.headers),
      c.remoteAddress,
      c.body.byteLength,
      key.sha256,
      c.truncated ? 1 : 0,
      response.status,
      JSON.stringify(response),
      position.retryOf,
      position.attempt,
      key.mark ? 1 : 0,
    );
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

  /** Fills a pending delivery's derived columns and rows; false when it is gone or already derived. */
  const applyDerived = (p: PreparedDerived): boolean => {
    const changed = updateDerived.run({ id: p.id, ...p.columns }).changes;
    if (changed === 0) return false;
    insertDerivedRows(p.id, p.rows);
    return true;
  };

  return { insertRow, insertPending, insertDerivedRows, applyDerived };
}
