// Reads `export` NDJSON back into a store. Bodies are checked against their sha256 and re-ingested
// (problems and Sign are derived again with this store's endpoints); the answer given, the time and
// the retry links are kept. Importing the same file twice adds nothing the second time.
import { createHash } from 'node:crypto';
import { exportLine } from '../../../shared/export-format.js';
import type { EndpointConfig } from '../../../shared/model.js';
import { ingest } from '../ingest/ingest.js';
import type { Store } from '../store/index.js';

export interface ImportReport {
  imported: number;
  skipped: number;
  /** Lines that could not be imported, with why (1-based line numbers). */
  errors: Array<{ line: number; message: string }>;
}

export async function importNdjson(store: Store, lines: Iterable<string> | AsyncIterable<string>): Promise<ImportReport> {
  const endpoints = new Map<string, EndpointConfig>(store.endpoints.list().map((e) => [e.name, e]));
  const newIdOf = new Map<number, number>();
  const report: ImportReport = { imported: 0, skipped: 0, errors: [] };
  let n = 0;
  for await (const text of lines) {
    n++;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      report.errors.push({ line: n, message: `not JSON: ${(e as Error).message}` });
      continue;
    }
    const parsed = exportLine.safeParse(json);
    if (!parsed.success) {
      report.errors.push({ line: n, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      continue;
    }
    const line = parsed.data;
    const body = Buffer.from(line.bodyBase64, 'base64');
    if (createHash('sha256').update(body).digest('hex') !== line.sha256) {
      report.errors.push({ line: n, message: 'bodyBase64 does not match sha256' });
      continue;
    }
    const captured = {
      receivedAt: Date.parse(line.receivedAt),
      endpoint: line.endpoint,
      method: line.method,
      path: line.path,
      query: line.query,
      headers: line.headers,
      remoteAddress: line.remoteAddress,
      body,
      truncated: line.truncated,
    };
    const derived = ingest({ body, truncated: line.truncated, headers: line.headers, endpoint: endpoints.get(line.endpoint) ?? null, receivedAt: captured.receivedAt });
    const retryOf = line.retryOf === null ? null : (newIdOf.get(line.retryOf) ?? null);
    const { id, created } = store.deliveries.restore({ id: line.id, captured, ingest: derived }, line.response, retryOf, line.attempt);
    newIdOf.set(line.id, id);
    if (created) report.imported++;
    else report.skipped++;
  }
  return report;
}
