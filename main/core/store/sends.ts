// Re-send jobs and their attempts. SQL for send_jobs and sends lives here and nowhere else.
import type { JobInfo, JobKind, JobState, SendAttempt, SendErrorClass } from '../../../shared/model.js';
import type { Db } from './db.js';
import type { NewSend, SendStore, StoredRequest } from './sends-interface.js';

interface SendRow {
  id: number;
  job_id: number;
  delivery_id: number | null;
  item: number;
  attempt: number;
  url: string;
  method: string;
  request_headers: string;
  request_size: number;
  response_status: number | null;
  response_headers: string;
  response_size: number;
  response_truncated: number;
  duration_ms: number;
  error_class: string | null;
  error_message: string | null;
  started_at: number;
  finished_at: number;
  ok: number;
}

interface JobRow {
  id: number;
  kind: string;
  label: string;
  state: string;
  total: number;
  completed: number;
  succeeded: number;
  failed: number;
  attempts: number;
  outcomes: string;
  notes: string;
  error: string | null;
  started_at: number;
  finished_at: number | null;
}

/** The columns of an attempt's request. */
type RequestRow = Pick<SendRow, 'item' | 'delivery_id' | 'url' | 'method' | 'request_headers'> & { request_body: Buffer };

/** Listing columns: everything but the bodies, which only `detail` reads. */
const SUMMARY = `id, job_id, delivery_id, item, attempt, url, method, request_headers, length(request_body) AS request_size,
  response_status, response_headers, response_size, response_truncated, duration_ms, error_class, error_message,
  started_at, finished_at, ok`;

export function sendStatements(db: Db): SendStore {
  const insertJob = db.prepare<[string, string, string, string, number, number, number]>(
    `INSERT INTO send_jobs (kind, label, spec, state, total, pid, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateJob = db.prepare(
    `UPDATE send_jobs SET state = @state, total = @total, completed = @completed, succeeded = @succeeded, failed = @failed,
       attempts = @attempts, outcomes = @outcomes, notes = @notes, error = @error, finished_at = @finishedAt WHERE id = @id`,
  );
  const jobById = db.prepare<[number], JobRow>(`SELECT * FROM send_jobs WHERE id = ?`);
  const specById = db.prepare<[number], { spec: string }>(`SELECT spec FROM send_jobs WHERE id = ?`);
  const recentJobs = db.prepare<[number], JobRow>(`SELECT * FROM send_jobs ORDER BY id DESC LIMIT ?`);
  const runningPids = db.prepare<[], { pid: number }>(`SELECT DISTINCT pid FROM send_jobs WHERE state = 'running'`);
  const interrupt = db.prepare<[number, number]>(
    `UPDATE send_jobs SET state = 'interrupted', finished_at = ? WHERE state = 'running' AND pid = ?`,
  );
  const insertSend = db.prepare(
    `INSERT INTO sends (job_id, delivery_id, item, attempt, url, method, request_headers, request_body, response_status,
       response_headers, response_body, response_size, response_truncated, duration_ms, error_class, error_message,
       started_at, finished_at, ok)
     VALUES (@jobId, (SELECT id FROM deliveries WHERE id = @deliveryId), @item, @attempt, @url, @method, @requestHeaders, @requestBody, @responseStatus,
       @responseHeaders, @responseBody, @responseSize, @responseTruncated, @durationMs, @errorClass, @errorMessage,
       @startedAt, @finishedAt, @ok)`,
  );
  const byDelivery = db.prepare<[number, number, number], SendRow>(
    `SELECT ${SUMMARY} FROM sends WHERE delivery_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  const byJob = db.prepare<[number, number, number], SendRow>(
    `SELECT ${SUMMARY} FROM sends WHERE job_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  const all = db.prepare<[number, number], SendRow>(`SELECT ${SUMMARY} FROM sends WHERE id < ? ORDER BY id DESC LIMIT ?`);
  const detail = db.prepare<[number], SendRow & { request_body: Buffer; response_body: Buffer }>(
    `SELECT ${SUMMARY}, request_body, response_body FROM sends WHERE id = ?`,
  );
  // The last attempt of each item (highest attempt number), kept when it was not delivered: listed, and sent again.
  const failedLastSummaries = db.prepare<[number, number, number], SendRow>(
    `SELECT ${SUMMARY} FROM sends s
      WHERE s.job_id = ? AND s.ok = 0 AND s.id < ?
        AND s.attempt = (SELECT max(attempt) FROM sends t WHERE t.job_id = s.job_id AND t.item = s.item)
      ORDER BY s.id DESC LIMIT ?`,
  );
  const failedLast = db.prepare<[number, number], RequestRow>(
    `SELECT s.item, s.delivery_id, s.url, s.method, s.request_headers, s.request_body FROM sends s
      WHERE s.job_id = ? AND s.ok = 0
        AND s.attempt = (SELECT max(attempt) FROM sends t WHERE t.job_id = ? AND t.item = s.item)
      ORDER BY s.item`,
  );

  const insert = (s: NewSend): SendAttempt => {
    const info = insertSend.run({
      ...s,
      requestHeaders: JSON.stringify(s.requestHeaders),
      requestBody: asBuffer(s.requestBody),
      responseHeaders: JSON.stringify(s.responseHeaders),
      responseBody: asBuffer(s.responseBody),
      responseTruncated: s.responseTruncated ? 1 : 0,
      ok: s.ok ? 1 : 0,
    });
    const { requestBody, responseBody, ...rest } = s;
    void responseBody;
    return { ...rest, id: Number(info.lastInsertRowid), requestSize: requestBody.byteLength };
  };

  return {
    createJob: (kind, label, spec, total, startedAt, pid) =>
      Number(insertJob.run(kind, label, JSON.stringify(spec), 'running', total, pid, startedAt).lastInsertRowid),
    saveJob: (j) => void updateJob.run({ ...j, outcomes: JSON.stringify(j.outcomes), notes: JSON.stringify(j.notes) }),
    job: (id) => {
      const row = jobById.get(id);
      return row ? toJob(row) : undefined;
    },
    spec: (id) => JSON.parse(specById.get(id)?.spec ?? 'null'),
    jobs: (limit) => recentJobs.all(limit).map(toJob),
    interruptOrphans: (now, alive) => runningPids.all().reduce((n, { pid }) => n + (alive(pid) ? 0 : interrupt.run(now, pid).changes), 0),
    insert,
    insertMany: db.transaction((rows: NewSend[]): SendAttempt[] => rows.map(insert)),
    list: (q) => {
      const before = q.before ?? Number.MAX_SAFE_INTEGER;
      if (q.failed && q.jobId !== undefined) {
        const rows = failedLastSummaries.all(q.jobId, before, q.limit);
        return rows.filter((r) => q.deliveryId === undefined || r.delivery_id === q.deliveryId).map(toAttempt);
      }
      const rows =
        q.deliveryId !== undefined
          ? byDelivery.all(q.deliveryId, before, q.limit)
          : q.jobId !== undefined
            ? byJob.all(q.jobId, before, q.limit)
            : all.all(before, q.limit);
      // A delivery filter and a job filter together: the job's attempts for that delivery.
      return rows.filter((r) => q.jobId === undefined || r.job_id === q.jobId).map(toAttempt);
    },
    detail: (id) => {
      const row = detail.get(id);
      if (!row) return undefined;
      return {
        ...toAttempt(row),
        requestBodyBase64: row.request_body.toString('base64'),
        responseBodyBase64: row.response_body.toString('base64'),
      };
    },
    request: (id) => {
      const row = detail.get(id);
      return row && toRequest(row);
    },
    failedRequests: (jobId) => failedLast.all(jobId, jobId).map(toRequest),
  };
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function toRequest(r: RequestRow): StoredRequest {
  return {
    item: r.item,
    deliveryId: r.delivery_id,
    url: r.url,
    method: r.method,
    headers: JSON.parse(r.request_headers) as Array<[string, string]>,
    body: r.request_body,
  };
}

function toAttempt(r: SendRow): SendAttempt {
  return {
    id: r.id,
    jobId: r.job_id,
    deliveryId: r.delivery_id,
    item: r.item,
    attempt: r.attempt,
    url: r.url,
    method: r.method,
    requestHeaders: JSON.parse(r.request_headers) as Array<[string, string]>,
    requestSize: r.request_size,
    responseStatus: r.response_status,
    responseHeaders: JSON.parse(r.response_headers) as Array<[string, string]>,
    responseSize: r.response_size,
    responseTruncated: r.response_truncated === 1,
    durationMs: r.duration_ms,
    errorClass: r.error_class as SendErrorClass | null,
    errorMessage: r.error_message,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ok: r.ok === 1,
  };
}

function toJob(r: JobRow): JobInfo {
  return {
    id: r.id,
    kind: r.kind as JobKind,
    label: r.label,
    state: r.state as JobState,
    total: r.total,
    completed: r.completed,
    succeeded: r.succeeded,
    failed: r.failed,
    attempts: r.attempts,
    outcomes: JSON.parse(r.outcomes) as Record<string, number>,
    notes: JSON.parse(r.notes) as string[],
    // Waits live in the process running the job.
    nextAttemptAt: null,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}
