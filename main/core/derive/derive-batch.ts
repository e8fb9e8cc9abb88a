// One step of deriving: ingest the oldest pending deliveries and write what ingest found. Ingest runs
// outside the transaction so that the write lock is held only for the inserts.
import type { EndpointConfig } from '../../../shared/model.js';
import { ingest } from '../ingest/ingest.js';
import type { IngestResult } from '../ingest/types.js';
import type { PendingRow, Store } from '../store/index.js';

/** Bodies read per step, at most (at least one delivery, whatever its size). */
const STEP_BYTES = 4 * 1024 * 1024;

export function deriveBatch(store: Store, maxRows: number): number[] {
  const rows = store.deliveries.pending(maxRows);
  if (rows.length === 0) return [];
  const endpoints = new Map<string, EndpointConfig>(store.endpoints.list().map((e) => [e.name, e]));
  const items: Array<{ id: number; ingest: IngestResult }> = [];
  let bytes = 0;
  for (const row of rows) {
    if (items.length > 0 && bytes + row.size > STEP_BYTES) break;
    bytes += row.size;
    const body = store.deliveries.body(row.id);
    if (!body) continue; // removed by retention since the query
    items.push({ id: row.id, ingest: ingestStored(row, body, endpoints.get(row.endpoint)) });
  }
  return store.deliveries.applyDerivedBatch(items);
}

/** Ingest of a stored delivery, with the endpoint configuration it arrived at. */
export function ingestStored(row: Pick<PendingRow, 'headers' | 'truncated' | 'received_at'>, body: Buffer, endpoint: EndpointConfig | undefined): IngestResult {
  // Timestamps in signatures are judged against the arrival, not against when ingest ran.
  return ingest({ body, truncated: row.truncated === 1, headers: JSON.parse(row.headers) as Array<[string, string]>, endpoint: endpoint ?? null, receivedAt: row.received_at });
}
