// An `export` NDJSON line (shared/export-format.ts) for a body, as a capture would have it: for tests
// that fill a store through `import` with chosen arrival times, endpoints and headers.
import { createHash } from 'node:crypto';
import type { ExportLine } from '../../../shared/export-format.js';

/** `receivedAt`: epoch ms of the arrival; `more` replaces any field (headers, endpoint, retryOf…). */
export function exportLine(id: number, body: string | Buffer, receivedAt: number, more: Partial<ExportLine> = {}): string {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const line: ExportLine = {
    id,
    receivedAt: new Date(receivedAt).toISOString(),
    endpoint: 'default',
    method: 'POST',
    path: '/',
    query: '',
    headers: [['Content-Type', 'application/json']],
    remoteAddress: '203.0.113.7',
    bodyBase64: bytes.toString('base64'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    truncated: false,
    kind: 'call-end',
    shape: 'call-end',
    problems: [],
    sign: 'verified',
    response: { status: 200, delayMs: 0, hung: false, reason: 'default' },
    retryOf: null,
    attempt: 1,
    taskId: null,
    callCount: 1,
    ...more,
  };
  return JSON.stringify(line);
}
