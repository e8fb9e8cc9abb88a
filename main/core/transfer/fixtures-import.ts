// Brings a fixture folder into a store, as `import` does for NDJSON: the exact bytes are re-ingested
// with this store's endpoints, and the same capture twice is skipped. Vendor retries within the
// folder (same body, method, path and endpoint, minutes apart) are linked again as attempts.
import type { EndpointConfig, GivenResponse } from '../../../shared/model.js';
import { ingest } from '../ingest/ingest.js';
import { RETRY_WINDOW_MS } from '../store/deliveries.js';
import { sha256Hex } from '../store/hash.js';
import type { Store } from '../store/index.js';
import { readFixtureFolder, type FixtureFault, type LoadedFixture } from './fixtures-read.js';

export interface FixtureImportReport {
  imported: number;
  skipped: number;
  errors: FixtureFault[];
  /** The store's delivery for each fixture read, in scenario order (new or already present). */
  deliveries: Array<{ file: string; id: number; offsetMs: number }>;
}

/** A fixture without a recorded answer: it was captured elsewhere (or written by hand). */
const NO_ANSWER: GivenResponse = { status: null, delayMs: 0, hung: false, reason: 'imported from fixtures' };

export function importFixtures(store: Store, dir: string): FixtureImportReport {
  const folder = readFixtureFolder(dir);
  const report: FixtureImportReport = { imported: 0, skipped: 0, errors: folder.errors, deliveries: [] };
  const endpoints = new Map<string, EndpointConfig>(store.endpoints.list().map((e) => [e.name, e]));
  const firstOf = new Map<string, { id: number; attempt: number; at: number }>();
  for (const f of folder.fixtures) {
    const c = f.captured;
    const derived = ingest({ body: c.body, truncated: c.truncated, headers: c.headers, endpoint: endpoints.get(c.endpoint) ?? null, receivedAt: c.receivedAt });
    const key = retryKey(f);
    const previous = key ? firstOf.get(key) : undefined;
    const position = previous && c.receivedAt - previous.at <= RETRY_WINDOW_MS ? { retryOf: previous.id, attempt: previous.attempt + 1 } : { retryOf: null, attempt: 1 };
    const { id, created } = store.deliveries.restore({ ...(f.id !== null ? { id: f.id } : {}), captured: c, ingest: derived }, f.response ?? NO_ANSWER, position.retryOf, position.attempt);
    if (key) firstOf.set(key, { id: position.retryOf ?? id, attempt: position.attempt, at: c.receivedAt });
    if (created) report.imported++;
    else report.skipped++;
    report.deliveries.push({ file: f.file, id, offsetMs: f.offsetMs });
  }
  return report;
}

/** Empty bodies (probes, health checks) are never retries, as at the receiver. */
function retryKey(f: LoadedFixture): string | null {
  const c = f.captured;
  return c.body.byteLength === 0 ? null : JSON.stringify([c.endpoint, c.method, c.path, sha256Hex(c.body)]);
}
