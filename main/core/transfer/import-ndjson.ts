// Reads `export` NDJSON lines back into captures. Bodies are checked against their sha256 and derived
// again with this store's endpoints (problems and Sign as this store sees them); the answer given, the
// time and the retry links are kept. This part parses bodies, so it runs in the body reader's process
// (bodies/body-jobs.ts); the service stores what it returns (service/import-ops.ts).
import { createHash } from 'node:crypto';
import { exportLine } from '../../../shared/export-format.js';
import type { CapturedRequest, EndpointConfig, GivenResponse } from '../../../shared/model.js';
import { ingest } from '../ingest/ingest.js';
import type { IngestResult } from '../ingest/types.js';
import type { Store } from '../store/index.js';

/** A line read: what to store, or why it cannot be. */
export type ReadLine = { line: number; error: string } | { line: number; delivery: LineDelivery };

export interface LineDelivery {
  /** The id in the file: kept when free, and what later lines' retryOf names. */
  id: number;
  captured: CapturedRequest;
  ingest: IngestResult;
  response: GivenResponse;
  /** The file's id of the first attempt this one repeats. */
  retryOf: number | null;
  attempt: number;
}

export function readImportLines(store: Store, lines: string[], firstLine: number): ReadLine[] {
  const endpoints = new Map<string, EndpointConfig>(store.endpoints.list().map((e) => [e.name, e]));
  const out: ReadLine[] = [];
  for (const [i, text] of lines.entries()) {
    if (!text.trim()) continue;
    const read = readLine(text, endpoints);
    out.push('error' in read ? { line: firstLine + i, error: read.error } : { line: firstLine + i, delivery: read });
  }
  return out;
}

function readLine(text: string, endpoints: Map<string, EndpointConfig>): LineDelivery | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  const parsed = exportLine.safeParse(json);
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const line = parsed.data;
  const body = Buffer.from(line.bodyBase64, 'base64');
  if (createHash('sha256').update(body).digest('hex') !== line.sha256) return { error: 'bodyBase64 does not match sha256' };
  const captured: CapturedRequest = {
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
  const derived = ingest({
    body,
    truncated: line.truncated,
    headers: line.headers,
    endpoint: endpoints.get(line.endpoint) ?? null,
    receivedAt: captured.receivedAt,
  });
  return { id: line.id, captured, ingest: derived, response: line.response, retryOf: line.retryOf, attempt: line.attempt };
}
