// Writes the store as NDJSON, one delivery per line, oldest first (see shared/export-format.ts).
import type { ExportLine } from '../../../shared/export-format.js';
import type { GivenResponse } from '../../../shared/model.js';
import { ingestStored } from '../derive/derive-batch.js';
import { problemsOf, withDerived, type DeliveryRow, type Store } from '../store/index.js';

export function toExportLine(row: DeliveryRow, body: Buffer): ExportLine {
  const response = JSON.parse(row.response) as GivenResponse;
  return {
    id: row.id,
    receivedAt: new Date(row.received_at).toISOString(),
    endpoint: row.endpoint,
    method: row.method,
    path: row.path,
    query: row.query,
    headers: JSON.parse(row.headers) as Array<[string, string]>,
    remoteAddress: row.remote_address,
    bodyBase64: body.toString('base64'),
    sha256: row.sha256,
    size: row.size,
    truncated: row.truncated === 1,
    kind: row.kind as ExportLine['kind'],
    shape: row.shape,
    problems: problemsOf(row),
    sign: row.sign_status as ExportLine['sign'],
    response: { status: response.status, delayMs: response.delayMs, hung: response.hung, reason: response.reason },
    retryOf: row.retry_of,
    attempt: row.attempt,
    taskId: row.task_id,
    callCount: row.call_count,
  };
}

/**
 * Yields one NDJSON line (with its newline) per delivery, all of them or the given ids, oldest first;
 * never holds the whole store in memory.
 */
export function* exportNdjson(store: Store, ids?: number[]): Generator<string> {
  const rows = ids ? ids.map((id) => store.deliveries.row(id)).filter((r) => r !== undefined) : store.allDeliveries();
  const endpoints = new Map(store.endpoints.list().map((e) => [e.name, e]));
  for (const row of rows) {
    const body = store.deliveries.body(row.id) ?? Buffer.alloc(0);
    // Not derived yet (serve is mid-burst, or was killed): derive it here, as the deriver will.
    const whole = row.kind === 'pending' ? withDerived(row, ingestStored(row, body, endpoints.get(row.endpoint))) : row;
    yield `${JSON.stringify(toExportLine(whole, body))}\n`;
  }
}
