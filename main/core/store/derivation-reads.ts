// What the deriver reads: the deliveries still waiting for ingest, with their bodies.
import type { Db } from './db.js';
import type { PendingRow } from './delivery-row.js';

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
  return {
    /** The newest delivery still waiting for ingest (0: none). */
    lastPendingId: () => lastPending.get()?.id ?? 0,
    /** Deliveries still waiting for ingest after `afterId`, oldest first, with their bodies: up to `maxBytes` of them (at least one delivery), read as one snapshot. */
    pendingWithBodies: (afterId: number, maxRows: number, maxBytes: number) => pendingWithBodies(afterId, maxRows, maxBytes),
    /** The oldest delivery still waiting for ingest after `afterId`, or null. */
    firstPendingAfter: (afterId: number) => pendingRows.get(afterId, 1)?.id ?? null,
  };
}
