// The store: one SQLite file, reached only through the interface store-interface.ts declares.
import type { Settings } from '../../../shared/api.js';
import { callStatements } from './calls.js';
import { openDb, type Db, type OpenOptions } from './db.js';
import { deliveryStatements } from './deliveries.js';
import type { DeliveryRow } from './delivery-row.js';
import { toDelivery } from './delivery-view.js';
import { endpointStatements } from './endpoints.js';
import { forwardStatements } from './forwards.js';
import { listDeliveries } from './inbox-query.js';
import { inboxPositions } from './inbox-position.js';
import { resendSecretStatements } from './resend-secret.js';
import { selectionQueries } from './selection.js';
import { sendStatements } from './sends.js';
import { settingsStatements } from './settings.js';
import { stats } from './stats.js';
import type { Store } from './store-interface.js';

export type { Store } from './store-interface.js';
export type { StoredDelivery, PendingDelivery, DeliveryExtent } from './deliveries-interface.js';
export type { StoredForward } from './forwards-interface.js';
export type { NewSend, StoredRequest } from './sends-interface.js';
export type { NewDelivery } from './deliveries.js';
export type { RetryPosition } from './retry-position.js';
export type { PreparedDerived } from './derived-columns.js';
export { prepareDerived } from './derived-columns.js';
export { RETRY_WINDOW_MS } from './retry-position.js';
export { problemsOf, signDetailOf, withIngest } from './delivery-view.js';

/** Deliveries deleted per transaction by retention: short enough not to hold up the receiver. */
export const RETENTION_CHUNK = 200;

export function openStore(file: string, options: OpenOptions = {}): Store {
  const db = openDb(file, options);
  return storeOver(db);
}

function storeOver(db: Db): Store {
  const oldestFirst = db.prepare<[number], DeliveryRow>(`SELECT * FROM deliveries WHERE id > ? ORDER BY id LIMIT 500`);
  const expired = db.prepare<[number, number], { id: number }>(
    // The newest delivery always stays: SQLite gives a new row the highest id + 1, so deleting the
    // newest would hand its id out again, and ids must only grow (the deriver and waits count on it).
    `SELECT id FROM (SELECT id FROM deliveries WHERE received_at < ?
       UNION SELECT id FROM (SELECT id FROM deliveries ORDER BY received_at DESC, id DESC LIMIT -1 OFFSET ?))
     WHERE id < (SELECT MAX(id) FROM deliveries)`,
  );
  const removeDelivery = db.prepare<[number]>(`DELETE FROM deliveries WHERE id = ?`);
  const removeSearch = db.prepare<[number]>(`DELETE FROM search WHERE rowid = ?`);
  const inbox = inboxPositions(db);
  const removeMany = db.transaction((ids: number[]) => {
    for (const id of ids) {
      removeSearch.run(id);
      removeDelivery.run(id);
    }
    inbox.removed();
  });

  return {
    db,
    deliveries: deliveryStatements(db),
    calls: callStatements(db),
    endpoints: endpointStatements(db),
    forwards: forwardStatements(db),
    settings: settingsStatements(db),
    /** Signs this app's re-sends to itself (receiver/resend-mark.ts). */
    resendSecret: resendSecretStatements(db),
    sends: sendStatements(db),
    selection: selectionQueries(db),
    list: (filter, limit, cursor) => listDeliveries(db, filter, limit, cursor),
    inbox,
    stats: (filter, buckets) => stats(db, filter, buckets),
    *allDeliveries() {
      let after = 0;
      for (;;) {
        const page = oldestFirst.all(after);
        if (!page.length) return;
        for (const row of page) yield toDelivery(row);
        after = page[page.length - 1]!.id;
      }
    },
    expiredIds(s: Settings, now: number): number[] {
      if (!s.retentionCount && !s.retentionDays) return [];
      const before = s.retentionDays ? now - s.retentionDays * 86_400_000 : 0;
      return expired.all(before, s.retentionCount || Number.MAX_SAFE_INTEGER).map((r) => r.id);
    },
    removeDeliveries: removeMany,
    checkpoint: () => void db.pragma('wal_checkpoint(TRUNCATE)'),
    close: () => db.close(),
  };
}
