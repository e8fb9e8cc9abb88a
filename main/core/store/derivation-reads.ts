// What the deriver reads: the deliveries still waiting for ingest, with their bodies.
import type { Db } from './db.js';
import type { PendingDelivery } from './deliveries-interface.js';
import type { PendingRow } from './delivery-row.js';

const toPending = (r: PendingRow): PendingDelivery => ({
  id: r.id,
  receivedAt: r.received_at,
  endpoint: r.endpoint,
  headers: JSON.parse(r.headers) as Array<[string, string]>,
  truncated: r.truncated === 1,
  size: r.size,
});

export function derivationReads(db: Db) {
  const lastPending = db.prepare<[], { id: number | null }>(`SELECT MAX(id) AS id FROM deliveries WHERE kind = 'pending'`);
  const pendingRows = db.prepare<[number, number], PendingRow>(
    `SELECT id, received_at, endpoint, headers, truncated, size FROM deliveries WHERE kind = 'pending' AND id > ? ORDER BY id LIMIT ?`,
  );
  const bodyById = db.prepare<[number], { raw: Buffer }>(`SELECT raw FROM bodies WHERE delivery_id = ?`);
  /**
   * One snapshot for the whole read: a read outside a transaction re-checks the WAL and, if anything
   * was committed since, drops the connection's page cache, and the receiver commits between reads.
   */
  const pendingWithBodies = db.transaction((afterId: number, maxRows: number, maxBytes: number) => {
    const out: Array<{ delivery: PendingDelivery; body: Buffer }> = [];
    let bytes = 0;
    for (const row of pendingRows.all(afterId, maxRows)) {
      if (out.length > 0 && bytes + row.size > maxBytes) break;
      const body = bodyById.get(row.id)?.raw;
      if (!body) continue; // removed by retention since the query
      bytes += row.size;
      out.push({ delivery: toPending(row), body });
    }
    return out;
  });
  return {
    lastPendingId: () => lastPending.get()?.id ?? 0,
    pendingWithBodies: (afterId: number, maxRows: number, maxBytes: number) => pendingWithBodies(afterId, maxRows, maxBytes),
    firstPendingAfter: (afterId: number) => pendingRows.get(afterId, 1)?.id ?? null,
  };
}
