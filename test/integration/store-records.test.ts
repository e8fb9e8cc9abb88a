// The store answers with records (store-interface.ts), never with its rows: headers and answers come
// back as values, flags as booleans, names in camelCase, and no JSON text column slips through; the
// packed problems and Sign detail are read through the store's own decoders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CapturedRequest, GivenResponse } from '../../shared/model.js';
import { ingest } from '../../main/core/ingest/ingest.js';
import { openStore, problemsOf, signDetailOf, withIngest, type Store } from '../../main/core/store/index.js';
import { tempDir } from './support/core.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
const headers: Array<[string, string]> = [
  ['Content-Type', 'application/json'],
  ['X-Forwarded-For', '203.0.113.9'],
];
const answer: GivenResponse = { status: 200, delayMs: 0, hung: false, reason: 'default' };
const arrival = (receivedAt: number, body: Buffer = seed): CapturedRequest => ({
  receivedAt,
  endpoint: 'default',
  method: 'POST',
  path: '/hooks/',
  query: 'a=1',
  headers,
  remoteAddress: '127.0.0.1',
  body,
  truncated: false,
});

const cleanups: Array<() => unknown> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A derived delivery and its retry (imported), one still pending (recorded live), a forward, a failed re-send. */
function filled(): { store: Store; first: number; retry: number; pending: number; job: number } {
  const dir = tempDir();
  const store = openStore(join(dir.path, 'store.db'));
  cleanups.push(dir.remove, () => store.close());
  const now = Date.now();
  const derive = (c: CapturedRequest) => ingest({ body: Buffer.from(c.body), truncated: false, headers: c.headers, endpoint: null });
  const first = store.deliveries.restore({ captured: arrival(now - 2000), ingest: derive(arrival(0)) }, answer, null, 1).id;
  const retry = store.deliveries.restore({ captured: arrival(now - 1000), ingest: derive(arrival(0)) }, answer, first, 2).id;
  let pending = 0;
  store.deliveries.recordBatch(
    [arrival(now, Buffer.from('{"n":1}'))],
    (c) => (pending = store.deliveries.recordRaw(c, () => answer).id),
    (_, error) => {
      throw error;
    },
  );
  store.forwards.add(first, 'default', 'tee', 'http://127.0.0.1:9/', 'failed', now);
  const job = store.sends.createJob('resend', 'test', {}, 1, now, process.pid);
  store.sends.insert({
    jobId: job,
    deliveryId: first,
    item: 0,
    attempt: 1,
    url: 'http://127.0.0.1:9/',
    method: 'POST',
    requestHeaders: headers,
    requestBody: seed,
    responseStatus: 500,
    responseHeaders: [['content-length', '0']],
    responseBody: Buffer.alloc(0),
    responseSize: 0,
    responseTruncated: false,
    durationMs: 3,
    errorClass: null,
    errorMessage: null,
    startedAt: now,
    finishedAt: now,
    ok: false,
  });
  return { store, first, retry, pending, job };
}

/** Every own field of a record, nested ones included: a row's column would show as a snake_case name or as JSON text. */
function leaks(record: object, at = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (/_/.test(key)) out.push(`${at}${key}: a column name`);
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) out.push(`${at}${key}: JSON text`);
    if (typeof value === 'number' && /^(truncated|resend|ok|responseTruncated)$/.test(key)) out.push(`${at}${key}: 0/1, not a boolean`);
    if (value && typeof value === 'object' && !Buffer.isBuffer(value)) out.push(...leaks(value, `${at}${key}.`));
  }
  return out;
}

describe('what the store answers with', () => {
  it('a stored delivery: headers as pairs, its answer as an object, flags as booleans, problems and Sign through the store', () => {
    const { store, first } = filled();
    const d = store.deliveries.get(first)!;
    expect(d.headers).toEqual(headers);
    expect(d.response).toEqual(answer);
    expect(d).toMatchObject({ id: first, kind: 'call-end', truncated: false, resend: false, responseStatus: 200, retryOf: null });
    expect(store.deliveries.summary(first)!.statusSummary).toEqual({ finished: 1 });
    const detail = store.deliveries.detail(first)!;
    expect(problemsOf(d)).toEqual(detail.problems);
    expect(signDetailOf(d)).toEqual(detail.signDetail);
    expect(signDetailOf(d).status).toBe(d.sign);
    expect(leaks(d)).toEqual([]);
  });

  it('is plain data: a copy (spread, JSON, a message to another process) carries every value', () => {
    const { store, first } = filled();
    const d = store.deliveries.get(first)!;
    expect({ ...d }).toEqual(d);
    expect(JSON.parse(JSON.stringify(d))).toMatchObject({ headers, response: answer, kind: 'call-end' });
    const copy = structuredClone(d);
    expect(copy).toMatchObject({ headers, response: answer });
    expect(problemsOf(copy)).toEqual(problemsOf(d));
  });

  it('every read: summaries, details, all deliveries, extents, retry groups, pending ones, forwards, re-sends', () => {
    const { store, first, retry, pending, job } = filled();
    const records: Array<[string, object | undefined]> = [
      ['summary', store.deliveries.summary(first)],
      ['detail', store.deliveries.detail(first)],
      ['extent', store.deliveries.extent(first)],
      ['retryGroup', store.deliveries.retryGroup(first)],
      ['allDeliveries', [...store.allDeliveries()]],
      ['pendingWithBodies', store.deliveries.pendingWithBodies(0, 10, 1 << 20).map((p) => p.delivery)],
      ['forward', store.forwards.of(first)],
      ['sends', store.sends.list({ jobId: job, limit: 10 })],
      ['send detail', store.sends.detail(store.sends.list({ jobId: job, limit: 1 })[0]!.id)],
      ['failed requests', store.sends.failedRequests(job).map(({ body, ...r }) => (expect(Buffer.isBuffer(body)).toBe(true), r))],
      ['page', store.list({}, 10)],
    ];
    for (const [name, record] of records) {
      expect(record, name).toBeDefined();
      expect(leaks(record!), name).toEqual([]);
    }
    expect(store.deliveries.detail(first)).toMatchObject({ headers, response: answer, forwarded: { 'x-forwarded-for': '203.0.113.9' } });
    expect(store.deliveries.retryGroup(first)).toEqual([
      { id: first, receivedAt: expect.any(Number), attempt: 1, responseStatus: 200 },
      { id: retry, receivedAt: expect.any(Number), attempt: 2, responseStatus: 200 },
    ]);
    expect(store.deliveries.pendingWithBodies(0, 10, 1 << 20).map((p) => p.delivery)).toEqual([
      { id: pending, receivedAt: expect.any(Number), endpoint: 'default', headers, truncated: false, size: 7 },
    ]);
    expect(store.forwards.of(first)).toEqual({
      deliveryId: first,
      endpoint: 'default',
      mode: 'tee',
      target: 'http://127.0.0.1:9/',
      state: 'failed',
      updatedAt: expect.any(Number),
    });
    expect(store.sends.failedRequests(job)).toMatchObject([{ deliveryId: first, headers }]);
  });

  it('a pending delivery reads as it will once derived, with what ingest made of it', () => {
    const { store, pending } = filled();
    const d = store.deliveries.get(pending)!;
    expect(d.kind).toBe('pending');
    const derived = withIngest(d, ingest({ body: Buffer.from('{"n":1}'), truncated: false, headers, endpoint: null }));
    expect(derived).toMatchObject({ id: pending, kind: 'json', headers, response: answer, callCount: 0 });
    expect(signDetailOf(derived).status).toBe(derived.sign);
    expect(problemsOf(derived)).toEqual([]);
    expect(leaks(derived)).toEqual([]);
  });
});
