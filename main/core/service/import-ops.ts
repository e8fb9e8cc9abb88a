// The import operations of the API contract (shared/api.ts): a batch of `export` NDJSON lines or of
// fixtures, read by the caller from its disk, into the store. Bodies are parsed and derived in the
// body reader's process (transfer/import-ndjson.ts, transfer/fixtures-import.ts); this thread only
// writes, a few deliveries at a time, so that beside a running receiver the store keeps one writer
// and arrivals wait for at most a few rows. Spread into the service by createService.
import type { ApiService, ImportBatchReport, OpContext } from '../../../shared/api.js';
import type { BodyReader } from '../bodies/body-reader.js';
import type { CapturedRequest, GivenResponse } from '../../../shared/model.js';
import type { IngestResult } from '../ingest/types.js';
import type { Store } from '../store/index.js';
import type { EventBus } from '../events/event-bus.js';
import { announceDeliveries } from './announce-deliveries.js';
import { NO_ANSWER } from '../transfer/fixtures-import.js';

export type ImportOps = Pick<ApiService, 'importNdjson' | 'importFixtures'>;

/** Deliveries written per turn of the event loop (each its own transaction). */
const ROWS_PER_TURN = 16;

export function createImportOps({ store, bodies, events }: { store: Store; bodies: BodyReader; events: EventBus }): ImportOps {
  /** Stores one delivery; its id in the store and whether it is new (the same capture may be there). */
  const restore = (d: {
    id?: number | undefined;
    captured: CapturedRequest;
    ingest: IngestResult;
    response: GivenResponse;
    retryOf: number | null;
    attempt: number;
  }) => {
    const { captured } = d;
    // The body crossed the process boundary as a Uint8Array.
    const body = Buffer.from(captured.body.buffer, captured.body.byteOffset, captured.body.byteLength);
    // The write lock at once, as the receiver's commits take it: a deferred transaction that read first
    // could not take it after another connection's commit.
    return store.deliveries.restore.immediate(
      { ...(d.id !== undefined ? { id: d.id } : {}), captured: { ...captured, body }, ingest: d.ingest },
      d.response,
      d.retryOf,
      d.attempt,
    );
  };

  return {
    async importNdjson({ lines, firstLine, earlier }, { signal }: OpContext = {}) {
      const read = await bodies.read(
        { type: 'import-lines', lines, firstLine },
        { op: 'importNdjson', tooLarge: 'these lines are too large to import at once', ...(signal && { signal }) },
      );
      const storeIdOf = new Map(earlier);
      const report: ImportBatchReport = { imported: 0, skipped: 0, errors: [], stored: [] };
      for (const [turn, r] of read.entries()) {
        if (!('delivery' in r)) {
          report.errors.push({ line: r.line, message: r.error });
          continue;
        }
        const d = r.delivery;
        const { id, created } = restore({ ...d, retryOf: d.retryOf === null ? null : (storeIdOf.get(d.retryOf) ?? null) });
        storeIdOf.set(d.id, id);
        report.stored.push([d.id, id]);
        if (created) {
          report.imported++;
          announceDeliveries(store, events, [id]);
        } else report.skipped++;
        await breather(turn);
      }
      return report;
    },

    async importFixtures({ fixtures, earlier }, { signal }: OpContext = {}) {
      const captures = fixtures.map((f) => ({
        receivedAt: f.receivedAt,
        endpoint: f.endpoint,
        method: f.method,
        path: f.path,
        query: f.query,
        headers: f.headers,
        remoteAddress: '',
        body: Buffer.from(f.bodyBase64, 'base64'),
        truncated: f.truncated,
      }));
      const derived = await bodies.read(
        { type: 'ingest', captures },
        { op: 'importFixtures', tooLarge: 'these fixtures are too large to import at once', ...(signal && { signal }) },
      );
      const storeIdOf = new Map(earlier);
      const report = { imported: 0, skipped: 0, deliveries: [] as Array<{ file: string; id: number }> };
      for (const [i, f] of fixtures.entries()) {
        const retryOf = f.retryOf === null ? null : (storeIdOf.get(f.retryOf) ?? null);
        const { id, created } = restore({
          id: f.id,
          captured: captures[i]!,
          ingest: derived[i]!,
          response: f.response ?? NO_ANSWER,
          retryOf,
          attempt: f.attempt,
        });
        storeIdOf.set(f.file, id);
        report.deliveries.push({ file: f.file, id });
        if (created) {
          report.imported++;
          announceDeliveries(store, events, [id]);
        } else report.skipped++;
        await breather(i);
      }
      return report;
    },
  };
}

/** Lets the event loop turn (the receiver answer) after every ROWS_PER_TURN deliveries written. */
const breather = (written: number) =>
  (written + 1) % ROWS_PER_TURN === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined;
