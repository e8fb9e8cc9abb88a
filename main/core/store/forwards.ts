// Forwarding state per delivery (docs/FORWARD.md). SQL for the forwards table lives here only.
import type { ForwardState } from '../../../shared/model.js';
import type { Db } from './db.js';

export interface ForwardRow {
  delivery_id: number;
  endpoint: string;
  mode: 'tee' | 'relay';
  target: string;
  state: ForwardState;
  updated_at: number;
}

export function forwardStatements(db: Db) {
  const insert = db.prepare<[number, string, string, string, string, number]>(
    `INSERT INTO forwards (delivery_id, endpoint, mode, target, state, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare<[string, number, number]>(`UPDATE forwards SET state = ?, updated_at = ? WHERE delivery_id = ?`);
  const byDelivery = db.prepare<[number], ForwardRow>(`SELECT * FROM forwards WHERE delivery_id = ?`);
  const counts = db.prepare<[string], { state: ForwardState; n: number }>(
    `SELECT state, COUNT(*) AS n FROM forwards WHERE endpoint = ? GROUP BY state`,
  );
  const missed = db.prepare<[string, number], { delivery_id: number }>(
    `SELECT delivery_id FROM forwards WHERE endpoint = ? AND state IN ('failed', 'paused') ORDER BY delivery_id LIMIT ?`,
  );
  const interrupt = db.prepare<[number]>(`UPDATE forwards SET state = 'failed', updated_at = ? WHERE state = 'pending'`);
  // A relay still waiting for the app when the process died: the vendor got no answer from us.
  const relayCut = db.prepare(
    `UPDATE deliveries SET response = json_set(response, '$.reason', 'relay-interrupted')
      WHERE id IN (SELECT delivery_id FROM forwards WHERE state = 'pending' AND mode = 'relay')
        AND response_status IS NULL AND json_extract(response, '$.reason') = 'relaying'`,
  );
  const interruptAll = db.transaction((at: number) => {
    relayCut.run();
    return interrupt.run(at).changes;
  });

  return {
    /** Called inside the receiver's transaction, beside the delivery. */
    add: (deliveryId: number, endpoint: string, mode: string, target: string, state: ForwardState, at: number) =>
      void insert.run(deliveryId, endpoint, mode, target, state, at),
    setState: (deliveryId: number, state: ForwardState, at: number) => void update.run(state, at, deliveryId),
    of: (deliveryId: number) => byDelivery.get(deliveryId),
    counts: (endpoint: string): Record<ForwardState, number> => {
      const out: Record<ForwardState, number> = { pending: 0, delivered: 0, failed: 0, paused: 0 };
      for (const r of counts.all(endpoint)) out[r.state] = r.n;
      return out;
    },
    /** Deliveries whose forward failed or was skipped while paused, oldest first. */
    missed: (endpoint: string, limit: number) => missed.all(endpoint, limit).map((r) => r.delivery_id),
    /**
     * At start: forwards that were under way when the last process stopped count as failed, and a
     * delivery whose relay was cut off says `relay-interrupted` (no answer was given) instead of `relaying`.
     */
    interruptPending: (at: number) => interruptAll(at),
  };
}
