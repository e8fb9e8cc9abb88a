// One step of deriving: read the oldest pending deliveries, run ingest on them and compute their
// columns. Reading and CPU only, so that the write that follows holds the store's lock for SQL alone.
import type { EndpointConfig } from '../../../shared/model.js';
import { ingest } from '../ingest/ingest.js';
import type { IngestLimits } from '../ingest/limits.js';
import type { IngestResult } from '../ingest/types.js';
import { prepareDerived, type PendingDelivery, type PreparedDerived, type Store } from '../store/index.js';

/** Bodies read per step, at most (at least one delivery, whatever its size). */
const STEP_BYTES = 4 * 1024 * 1024;

export type Derived = PreparedDerived;

/** Ingest of up to `maxRows` pending deliveries with an id above `afterId`, oldest first. */
export function deriveStep(store: Store, afterId: number, maxRows: number, limits?: IngestLimits): Derived[] {
  const pending = store.deliveries.pendingWithBodies(afterId, maxRows, STEP_BYTES);
  if (pending.length === 0) return [];
  const endpoints = new Map<string, EndpointConfig>(store.endpoints.list().map((e) => [e.name, e]));
  return pending.map(({ delivery, body }) =>
    prepareDerived(delivery.id, ingestStored(delivery, body, endpoints.get(delivery.endpoint), limits)),
  );
}

/**
 * Ingest of a stored delivery with the endpoint configuration as it is now: normally milliseconds
 * after arrival; deliveries left pending across a KEY change are checked with the new KEY.
 */
export function ingestStored(
  delivery: Pick<PendingDelivery, 'headers' | 'truncated' | 'receivedAt'>,
  body: Buffer,
  endpoint: EndpointConfig | undefined,
  limits?: IngestLimits,
): IngestResult {
  // Timestamps in signatures are judged against the arrival, not against when ingest ran.
  return ingest({
    body,
    truncated: delivery.truncated,
    headers: delivery.headers,
    endpoint: endpoint ?? null,
    receivedAt: delivery.receivedAt,
    limits,
  });
}
