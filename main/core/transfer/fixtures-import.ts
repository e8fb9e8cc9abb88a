// Brings a fixture folder into a store, as `import` does for NDJSON: the exact bytes are derived again
// with this store's endpoints, and the same capture twice is skipped. Vendor retries within the folder
// (same body, method, path and endpoint, minutes apart) are linked again as attempts. The folder is
// read where it is (the CLI: fixtures-read.ts, retryLinks); the core derives (ingestCaptures, in the
// body reader's process) and stores (service/import-ops.ts).
import { createHash } from 'node:crypto';
import type { CapturedRequest, EndpointConfig, GivenResponse } from '../../../shared/model.js';
import { ingest } from '../ingest/ingest.js';
import type { IngestResult } from '../ingest/types.js';
import { RETRY_WINDOW_MS } from '../store/index.js';
import type { Store } from '../store/index.js';
import type { LoadedFixture } from './fixtures-read.js';

/** A fixture without a recorded answer: it was captured elsewhere (or written by hand). */
export const NO_ANSWER: GivenResponse = { status: null, delayMs: 0, hung: false, reason: 'imported from fixtures' };

/** Each fixture's place among the folder's vendor retries: the file of the first attempt it repeats, and its attempt number. */
export function retryLinks(fixtures: readonly LoadedFixture[]): Array<{ retryOf: string | null; attempt: number }> {
  const firstOf = new Map<string, { file: string; attempt: number; at: number }>();
  return fixtures.map((f) => {
    const key = retryKey(f);
    const previous = key ? firstOf.get(key) : undefined;
    const link =
      previous && f.captured.receivedAt - previous.at <= RETRY_WINDOW_MS
        ? { retryOf: previous.file, attempt: previous.attempt + 1 }
        : { retryOf: null, attempt: 1 };
    if (key) firstOf.set(key, { file: link.retryOf ?? f.file, attempt: link.attempt, at: f.captured.receivedAt });
    return link;
  });
}

/** Empty bodies (probes, health checks) are never retries, as at the receiver. */
function retryKey(f: LoadedFixture): string | null {
  const c = f.captured;
  return c.body.byteLength === 0 ? null : JSON.stringify([c.endpoint, c.method, c.path, createHash('sha256').update(c.body).digest('hex')]);
}

/** Ingest of captures with this store's endpoints (in the body reader's process: it parses bodies). */
export function ingestCaptures(
  store: Store,
  captures: ReadonlyArray<Pick<CapturedRequest, 'body' | 'truncated' | 'headers' | 'endpoint' | 'receivedAt'>>,
): IngestResult[] {
  const endpoints = new Map<string, EndpointConfig>(store.endpoints.list().map((e) => [e.name, e]));
  return captures.map((c) =>
    ingest({
      body: c.body,
      truncated: c.truncated,
      headers: c.headers,
      endpoint: endpoints.get(c.endpoint) ?? null,
      receivedAt: c.receivedAt,
    }),
  );
}
