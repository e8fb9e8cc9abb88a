// What a stored deliveries row reads as: a StoredDelivery record (deliveries-interface.ts), its
// summary (the inbox) and the detail's base. Rows are decoded here and nowhere else.
import type { DeliverySummary, GivenResponse, Problem, SignResult } from '../../../shared/model.js';
import type { IngestResult } from '../ingest/types.js';
import type { DeliveryDetailBase, Packed, StoredDelivery } from './deliveries-interface.js';
import type { DeliveryRow } from './delivery-row.js';
import { derivedColumns, type DerivedColumns } from './derived-columns.js';
import { unpackJson } from './packed-json.js';

/** A deliveries row with its first call's callee and CallID, as SUMMARY_COLUMNS selects it. */
export type SummaryRow = DeliveryRow & { first_callee: string | null; first_call_id: string | null };

/**
 * The columns of a summary, for `FROM deliveries d`: the row, and its first call's callee and CallID
 * read through calls' UNIQUE (delivery_id, idx) index, one look-up each per row returned.
 */
export const SUMMARY_COLUMNS = `d.*,
  (SELECT c.callee_number FROM calls c WHERE c.delivery_id = d.id AND c.idx = 0) AS first_callee,
  (SELECT c.call_id FROM calls c WHERE c.delivery_id = d.id AND c.idx = 0) AS first_call_id`;

const headersOf = (r: Pick<DeliveryRow, 'headers'>) => JSON.parse(r.headers) as Array<[string, string]>;
const responseOf = (r: DeliveryRow) => JSON.parse(r.response) as GivenResponse;
const statusSummaryOf = (r: Pick<DeliveryRow, 'status_summary'>) => JSON.parse(r.status_summary) as Record<string, number>;

/** A delivery's problems, inflated. */
export const problemsOf = (d: Pick<StoredDelivery, 'packed'>) => unpackJson(d.packed.problems) as Problem[];
/** A delivery's Sign check in full, inflated. */
export const signDetailOf = (d: Pick<StoredDelivery, 'packed'>) => unpackJson(d.packed.sign) as SignResult;

/** The derived columns that read as they are (no JSON, nothing packed): the row's, or those ingest just computed. */
type PlainDerived = Omit<DerivedColumns, 'status_summary' | 'problems' | 'sign'>;
const plainDerived = (c: PlainDerived) => ({
  contentType: c.content_type,
  contentEncoding: c.content_encoding,
  charset: c.charset,
  kind: c.kind as StoredDelivery['kind'],
  shape: c.shape,
  taskId: c.task_id,
  taskName: c.task_name,
  planName: c.plan_name,
  callCount: c.call_count,
  errorCount: c.error_count,
  warningCount: c.warning_count,
  noteCount: c.note_count,
  sign: c.sign_status as StoredDelivery['sign'],
});

const packedOf = (c: Pick<DerivedColumns, 'problems' | 'sign'>): StoredDelivery['packed'] => ({
  problems: c.problems as Packed<Problem[]>,
  sign: c.sign as Packed<SignResult>,
});

/**
 * The row as a record, plain data. Its JSON columns are small and decoded here; the packed ones are
 * left to problemsOf and signDetailOf. (Getters that decoded on first read were measured: an object
 * literal with accessors cost ~5 µs a row to make and slowed every read after, ~1.7× an export's
 * decoding; a class with getters on its prototype was fast but lost them to a spread or a clone.)
 */
export function toDelivery(r: DeliveryRow): StoredDelivery {
  return {
    id: r.id,
    receivedAt: r.received_at,
    endpoint: r.endpoint,
    method: r.method,
    path: r.path,
    query: r.query,
    headers: headersOf(r),
    remoteAddress: r.remote_address,
    size: r.size,
    sha256: r.sha256,
    truncated: r.truncated === 1,
    ...plainDerived(r),
    packed: packedOf(r),
    responseStatus: r.response_status,
    response: responseOf(r),
    retryOf: r.retry_of,
    attempt: r.attempt,
    resend: r.resend === 1,
  };
}

/** A pending delivery as it will read once derived (`g`, its ingest): what an export shows of one the deriver has not reached. */
export function withIngest(d: StoredDelivery, g: IngestResult): StoredDelivery {
  const c = derivedColumns(g);
  return { ...d, ...plainDerived(c), packed: packedOf(c) };
}

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
    statusSummary: statusSummaryOf(r),
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

export function toDetailBase(r: SummaryRow): DeliveryDetailBase {
  const headers = headersOf(r);
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
    problems: unpackJson(r.problems) as Problem[],
    signDetail: unpackJson(r.sign) as SignResult,
    response: responseOf(r),
  };
}
