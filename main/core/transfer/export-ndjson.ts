// Writes the store as NDJSON, one delivery per line, oldest first (see shared/export-format.ts).
import type { ExportLine } from '../../../shared/export-format.js';
import { ingestStored } from '../derive/derive-batch.js';
import { problemsOf, withIngest, type Store, type StoredDelivery } from '../store/index.js';

export function toExportLine(d: StoredDelivery, body: Buffer): ExportLine {
  const { response } = d;
  return {
    id: d.id,
    receivedAt: new Date(d.receivedAt).toISOString(),
    endpoint: d.endpoint,
    method: d.method,
    path: d.path,
    query: d.query,
    headers: d.headers,
    remoteAddress: d.remoteAddress,
    bodyBase64: body.toString('base64'),
    sha256: d.sha256,
    size: d.size,
    truncated: d.truncated,
    kind: d.kind as ExportLine['kind'],
    shape: d.shape,
    problems: problemsOf(d),
    sign: d.sign,
    response: { status: response.status, delayMs: response.delayMs, hung: response.hung, reason: response.reason },
    retryOf: d.retryOf,
    attempt: d.attempt,
    taskId: d.taskId,
    callCount: d.callCount,
  };
}

/**
 * Yields one NDJSON line (with its newline) per delivery, all of them or the given ids, oldest first;
 * never holds the whole store in memory.
 */
export function* exportNdjson(store: Store, ids?: number[]): Generator<string> {
  const deliveries = ids ? ids.map((id) => store.deliveries.get(id)).filter((d) => d !== undefined) : store.allDeliveries();
  const endpoints = new Map(store.endpoints.list().map((e) => [e.name, e]));
  for (const d of deliveries) {
    const body = store.deliveries.body(d.id) ?? Buffer.alloc(0);
    // Not derived yet (serve is mid-burst, or was killed): derive it here, as the deriver will.
    const whole = d.kind === 'pending' ? withIngest(d, ingestStored(d, body, endpoints.get(d.endpoint))) : d;
    yield `${JSON.stringify(toExportLine(whole, body))}\n`;
  }
}
