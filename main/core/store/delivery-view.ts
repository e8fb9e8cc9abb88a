// What a stored delivery row reads as through the API: its summary (the inbox) and the detail's base.
import type { DeliverySummary, DeliveryDetail, GivenResponse, Problem, SignResult } from '../../../shared/model.js';
import type { DeliveryRow } from './delivery-row.js';
import { unpackJson } from './packed-json.js';

export const problemsOf = (r: DeliveryRow): Problem[] => unpackJson(r.problems) as Problem[];

/** A deliveries row with its first call's callee and CallID, as SUMMARY_COLUMNS selects it. */
export type SummaryRow = DeliveryRow & { first_callee: string | null; first_call_id: string | null };

/**
 * The columns of a summary, for `FROM deliveries d`: the row, and its first call's callee and CallID
 * read through calls' UNIQUE (delivery_id, idx) index, one look-up each per row returned.
 */
export const SUMMARY_COLUMNS = `d.*,
  (SELECT c.callee_number FROM calls c WHERE c.delivery_id = d.id AND c.idx = 0) AS first_callee,
  (SELECT c.call_id FROM calls c WHERE c.delivery_id = d.id AND c.idx = 0) AS first_call_id`;

export function toSummary(r: SummaryRow): DeliverySummary {
  return {
    id: r.id,
    receivedAt: r.received_at,
    endpoint: r.endpoint,
    method: r.method,
    path: r.path,
    size: r.size,
    truncated: r.truncated === 1,
    kind: r.kind as DeliverySummary['kind'],
    shape: r.shape,
    taskId: r.task_id,
    taskName: r.task_name,
    callCount: r.call_count,
    callee: r.first_callee,
    callId: r.first_call_id,
    statusSummary: JSON.parse(r.status_summary) as Record<string, number>,
    errorCount: r.error_count,
    warningCount: r.warning_count,
    noteCount: r.note_count,
    sign: r.sign_status as DeliverySummary['sign'],
    responseStatus: r.response_status,
    retryOf: r.retry_of,
    attempt: r.attempt,
    sha256: r.sha256,
    resend: r.resend === 1,
  };
}

const FORWARDED = /^(x-forwarded-|forwarded$|x-real-ip$)/i;

export function toDetailBase(r: SummaryRow): Omit<DeliveryDetail, 'retryGroup' | 'calls'> {
  const headers = JSON.parse(r.headers) as Array<[string, string]>;
  const forwarded: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (FORWARDED.test(name)) {
      const key = name.toLowerCase();
      forwarded[key] = forwarded[key] === undefined ? value : `${forwarded[key]}, ${value}`;
    }
  }
  return {
    ...toSummary(r),
    query: r.query,
    headers,
    remoteAddress: r.remote_address,
    forwarded,
    contentType: r.content_type,
    contentEncoding: r.content_encoding,
    problems: problemsOf(r),
    signDetail: unpackJson(r.sign) as SignResult,
    response: JSON.parse(r.response) as GivenResponse,
  };
}
