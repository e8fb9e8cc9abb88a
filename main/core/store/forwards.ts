// Forwarding state per delivery (docs/FORWARD.md). SQL for the forwards table lives here only.
import type { ForwardState } from '../../../shared/model.js';
import type { Db } from './db.js';
import type { ForwardStore, StoredForward } from './forwards-interface.js';

interface ForwardRow {
  delivery_id: number;
  endpoint: string;
  mode: StoredForward['mode'];
  target: string;
  state: ForwardState;
  updated_at: number;
}

const toForward = (r: ForwardRow): StoredForward => ({
  deliveryId: r.delivery_id,
  endpoint: r.endpoint,
  mode: r.mode,
  target: r.target,
  state: r.state,
  updatedAt: r.updated_at,
});

export function forwardStatements(db: Db): ForwardStore {
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
    add: (deliveryId, endpoint, mode, target, state, at) => void insert.run(deliveryId, endpoint, mode, target, state, at),
    setState: (deliveryId: number, state: ForwardState, at: number) => void update.run(state, at, deliveryId),
    of: (deliveryId: number) => {
      const row = byDelivery.get(deliveryId);
      return row && toForward(row);
    },
    counts: (endpoint: string): Record<ForwardState, number> => {
      const out: Record<ForwardState, number> = { pending: 0, delivered: 0, failed: 0, paused: 0 };
      for (const r of counts.all(endpoint)) out[r.state] = r.n;
      return out;
    },
    missed: (endpoint: string, limit: number) => missed.all(endpoint, limit).map((r) => r.delivery_id),
    interruptPending: (at: number) => interruptAll(at),
  };
}
