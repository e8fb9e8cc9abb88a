// Deliveries: the raw capture plus what ingest derived, written in one transaction with their calls,
// redials and search text. The jobs sit in their own modules (inserts, retry positions, derived
// columns, derivation reads); this one joins them into the receiver's, the deriver's and import's writes.
import type { CapturedRequest, GivenResponse } from '../../../shared/model.js';
import type { IngestResult } from '../ingest/types.js';
import type { Db } from './db.js';
import { deliveryInserts } from './delivery-inserts.js';
import type { DeliveryRow } from './delivery-row.js';
import type { DeliveryExtent, RetryArrival } from './deliveries-interface.js';
import { SUMMARY_COLUMNS, toDelivery, toDetailBase, toSummary, type SummaryRow } from './delivery-view.js';
import { derivationReads } from './derivation-reads.js';
import { derivedColumns, type PreparedDerived } from './derived-columns.js';
import { sha256Hex } from './hash.js';
import type { ArrivalKey } from './recent-arrivals.js';
import { resendSecretStatements } from './resend-secret.js';
import { keyOf, retryPositions, type RetryPosition } from './retry-position.js';

/** Everything needed to write one delivery; `id` only when importing with a known id. */
export interface NewDelivery {
  id?: number;
  captured: CapturedRequest;
  ingest: IngestResult;
}

export function deliveryStatements(db: Db) {
  const resendSecret = resendSecretStatements(db);
  const retries = retryPositions(db);
  const { insertRow, insertPending, insertDerivedRows, applyDerived } = deliveryInserts(db);
  const updateResponse = db.prepare<[number | null, string, number]>(
    `UPDATE deliveries SET response_status = ?, response = ? WHERE id = ?`,
  );
  const idTaken = db.prepare<[number], { id: number }>(`SELECT id FROM deliveries WHERE id = ?`);
  const byId = db.prepare<[number], DeliveryRow>(`SELECT * FROM deliveries WHERE id = ?`);
  const summaryById = db.prepare<[number], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM deliveries d WHERE d.id = ?`);
  const bodyById = db.prepare<[number], { raw: Buffer }>(`SELECT raw FROM bodies WHERE delivery_id = ?`);
  const extentById = db.prepare<[number], DeliveryExtent>(
    `SELECT id, received_at AS receivedAt, size, length(headers) AS headersJsonLength FROM deliveries WHERE id = ?`,
  );
  const retryGroup = db.prepare<[number, number], RetryArrival>(
    `SELECT id, received_at AS receivedAt, attempt, response_status AS responseStatus FROM deliveries
      WHERE id = ? OR retry_of = ? ORDER BY received_at, id`,
  );
  const sameImport = db.prepare<[number, string, string, string], { id: number }>(
    `SELECT id FROM deliveries WHERE received_at = ? AND sha256 = ? AND path = ? AND method = ? LIMIT 1`,
  );

  function write(d: NewDelivery, key: ArrivalKey, position: RetryPosition, response: GivenResponse): number {
    const id = d.id !== undefined && !idTaken.get(d.id) ? d.id : null;
    const rowId = insertRow(d.captured, id, key, position, response, derivedColumns(d.ingest));
    insertDerivedRows(rowId, d.ingest);
    return rowId;
  }

  /**
   * Records a live delivery as it arrived, before ingest: the receiver's hot path. `decide` picks the
   * answer once the retry position is known (fail-first-N needs it); both happen in one transaction
   * so concurrent arrivals cannot share an attempt number. The derived columns stay `pending` until
   * `applyDerived` (main/core/derive) fills them.
   */
  const recordRaw = (c: CapturedRequest, decide: (p: RetryPosition) => GivenResponse) => {
    // The header scan for a re-send's mark and the hash happen once a delivery, on the hot path.
    const key = keyOf(c, sha256Hex(c.body), resendSecret.current);
    const position = retries.position(c, key);
    const response = decide(position);
    const id = insertPending(c, key, position, response);
    retries.note(c, key, id);
    return { id, position, response };
  };

  /** Writes an exported delivery back; returns null when the same capture is already stored. */
  const restore = db.transaction((d: NewDelivery, response: GivenResponse, retryOf: number | null, attempt: number) => {
    const sha256 = sha256Hex(d.captured.body);
    const existing = sameImport.get(d.captured.receivedAt, sha256, d.captured.path, d.captured.method);
    if (existing) return { id: existing.id, created: false };
    const key = keyOf(d.captured, sha256, resendSecret.current);
    const id = write(d, key, { retryOf, attempt }, response);
    retries.note(d.captured, key, id);
    return { id, created: true };
  });

  type One = (item: unknown) => void;
  type Failed = (item: unknown, error: unknown) => void;
  // The group commit's fast way: every delivery of the batch in one transaction, no savepoint each. A
  // savepoint costs each delivery two statements and copies every page the batch already changed into
  // the statement journal before changing it again.
  const recordAll = db.transaction((items: unknown[], one: One, failedItem: { error?: unknown }) => {
    for (const item of items) {
      try {
        one(item);
      } catch (error) {
        failedItem.error = error;
        throw error;
      }
    }
  });
  // The careful way, only after the fast one failed on one delivery: a savepoint each, so that the
  // failure costs only that one.
  const savepoint = db.transaction((item: unknown, one: One) => one(item));
  const recordEach = db.transaction((items: unknown[], one: One, failed: Failed) => {
    for (const item of items) {
      try {
        savepoint(item, one);
      } catch (error) {
        failed(item, error);
      }
    }
  });
  const recordMany = (items: unknown[], one: One, failed: Failed) => {
    const failedItem: { error?: unknown } = {};
    try {
      recordAll.immediate(items, one, failedItem);
    } catch (error) {
      // The transaction itself failed (busy, the disk): the same again would too. The caller says so.
      if (!('error' in failedItem)) throw error;
      // One delivery failed and the whole batch was rolled back: again, each in its own savepoint.
      // `one` runs again for the deliveries before it: what it decided the first time was never
      // committed, and the retry window checks what it noted against the store.
      recordEach.immediate(items, one, failed);
    }
  };
  const applyMany = db.transaction((items: PreparedDerived[]) => items.filter(applyDerived).map((i) => i.id));
  const applyFor = db.transaction((items: PreparedDerived[], from: number, budgetMs: number) => {
    const until = performance.now() + budgetMs;
    const ids: number[] = [];
    let i = from;
    do {
      if (applyDerived(items[i]!)) ids.push(items[i]!.id);
      i++;
    } while (i < items.length && performance.now() < until);
    return { count: i - from, ids };
  });

  return {
    ...derivationReads(db),
    recordRaw,
    /** Reads the retry window now (at start, before the receiver listens) instead of at the first arrival. */
    warmRetryWindow: retries.warm,
    /**
     * Several live deliveries in one transaction (group commit), taking the write lock at once. One
     * failure costs only itself (`failed` is told): the batch is then written again, a savepoint each.
     */
    recordBatch: <T>(items: T[], one: (item: T) => void, failed: (item: T, error: unknown) => void) =>
      recordMany(items as unknown[], one as One, failed as Failed),
    /** Derived results of several deliveries in one transaction; returns the ids that were pending. */
    applyDerivedBatch: (items: PreparedDerived[]) => applyMany.immediate(items),
    /**
     * Derived results from `items[from]` on, in one transaction, for as long as `budgetMs` (at least
     * one): how many were written, and the ids of those that were pending.
     */
    applyDerivedFor: (items: PreparedDerived[], from: number, budgetMs: number) => applyFor.immediate(items, from, budgetMs),
    /** The answer given, once known after the commit (relay: the target's answer). */
    setResponse: (id: number, response: GivenResponse) => void updateResponse.run(response.status, JSON.stringify(response), id),
    restore,
    get: (id: number) => {
      const row = byId.get(id);
      return row && toDelivery(row);
    },
    summary: (id: number) => {
      const row = summaryById.get(id);
      return row && toSummary(row);
    },
    detail: (id: number) => {
      const row = summaryById.get(id);
      return row && toDetailBase(row);
    },
    extent: (id: number) => extentById.get(id),
    body: (id: number) => bodyById.get(id)?.raw,
    retryGroup: (rootId: number) => retryGroup.all(rootId, rootId),
  };
}
