// The inbox by position (store/inbox-position.ts): the rows at position N of a filter's deliveries up
// to an id, newest first, are the rows a walk through every page finds there: unfiltered (ids without
// gaps, and with gaps once deliveries were deleted), filtered (stepping from the newest, the oldest or
// a row the caller holds), at the end and past it. A count says how many are newer than an earlier one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryFilter } from '../../shared/api.js';
import { deriveStep } from '../../main/core/derive/derive-batch.js';
import { openStore, type Store } from '../../main/core/store/index.js';
import { tempDir } from './support/core.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const N = 300;
const dir = tempDir('ci-position-');
let store: Store;

/** Delivery i: at endpoint `qa` every third, its call `failed` every fourth; its own CallID, so no vendor retry. */
function record(i: number): number {
  const body = seed
    .replace('6dbf57adc3ecf4f4bfd5efe85ccad659', i.toString(16).padStart(32, '0'))
    .replace('"finished"', i % 4 ? '"finished"' : '"failed"');
  const captured = {
    receivedAt: Date.UTC(2024, 0, 1) + i * 1000,
    endpoint: i % 3 ? 'default' : 'qa',
    method: 'POST',
    path: i % 3 ? '/' : '/hooks/qa/',
    query: '',
    headers: [['Content-Type', 'application/json']] as Array<[string, string]>,
    remoteAddress: '127.0.0.1',
    body: Buffer.from(body),
    truncated: false,
  };
  return store.deliveries.recordRaw(captured, () => ({ status: 200, delayMs: 0, hung: false, reason: 'default' })).id;
}

function deriveAll() {
  for (let batch = deriveStep(store, 0, 100); batch.length; batch = deriveStep(store, 0, 100)) store.deliveries.applyDerivedBatch(batch);
}

/** The filter's ids up to `upTo`, newest first, through the keyset pages. */
function walk(filter: DeliveryFilter, upTo: number): number[] {
  const ids: number[] = [];
  let page = store.list(filter, 1000, String(upTo + 1));
  ids.push(...page.items.map((d) => d.id));
  while (page.nextCursor) {
    page = store.list(filter, 1000, page.nextCursor);
    ids.push(...page.items.map((d) => d.id));
  }
  return ids;
}

const at = (
  filter: DeliveryFilter,
  upTo: number,
  position: number,
  limit: number,
  more: { total?: number; near?: Array<{ position: number; id: number }> } = {},
) => store.inbox.at({ filter, upTo, position, limit, ...more }).map((d) => d.id);

beforeAll(() => {
  store = openStore(join(dir.path, 'callback-inspector.db'));
  for (let i = 0; i < N; i++) record(i);
  deriveAll();
});
afterAll(() => {
  store.close();
  dir.remove();
});

describe('the inbox by position', () => {
  it('unfiltered: the rows at any position, at the end and past it, up to the id counted', () => {
    const { total, newestId } = store.inbox.count({});
    expect(total).toBe(N);
    const ids = walk({}, newestId);
    expect(ids).toHaveLength(N);
    for (const position of [0, 1, 137, N - 50]) expect(at({}, newestId, position, 50)).toEqual(ids.slice(position, position + 50));
    expect(at({}, newestId, N - 10, 50)).toEqual(ids.slice(N - 10));
    expect(at({}, newestId, N, 50)).toEqual([]);
    // Rows that arrive after the count do not move the rows under it.
    record(N);
    deriveAll();
    expect(at({}, newestId, 137, 5)).toEqual(ids.slice(137, 142));
    expect(at({}, newestId + 1, 138, 5)).toEqual(ids.slice(137, 142));
  });

  it('unfiltered, once deliveries in the middle were deleted: still the rows a walk finds there', () => {
    const { newestId } = store.inbox.count({});
    const before = walk({}, newestId);
    expect(at({}, newestId, 200, 10)).toEqual(before.slice(200, 210));
    store.removeDeliveries([before[50]!, before[51]!, before[120]!]);
    const ids = walk({}, newestId);
    expect(ids).toHaveLength(before.length - 3);
    for (const position of [0, 49, 50, 118, 119, 200, ids.length - 5])
      expect(at({}, newestId, position, 10)).toEqual(ids.slice(position, position + 10));
    expect(at({}, newestId, ids.length, 10)).toEqual([]);
    // From the oldest, or from a row held, the same rows.
    expect(at({}, newestId, 200, 10, { total: ids.length })).toEqual(ids.slice(200, 210));
    expect(at({}, newestId, 200, 10, { near: [{ position: 150, id: ids[150]! }] })).toEqual(ids.slice(200, 210));
  });

  it.each<[string, DeliveryFilter]>([
    ['an endpoint', { endpoint: 'qa' }],
    ['a call status', { status: 'failed' }],
    ['full text', { text: 'pengiriman' }],
    ['an endpoint and a call status', { endpoint: 'default', status: 'failed' }],
  ])('filtered by %s: from the newest, the oldest or a row held, at the end and past it', (_, filter) => {
    const { total, newestId } = store.inbox.count(filter);
    const ids = walk(filter, newestId);
    expect(ids).toHaveLength(total);
    expect(total).toBeGreaterThan(40);
    const middle = Math.floor(total / 2);
    expect(at(filter, newestId, 0, 10)).toEqual(ids.slice(0, 10));
    expect(at(filter, newestId, middle, 10)).toEqual(ids.slice(middle, middle + 10));
    expect(at(filter, newestId, middle, 10, { total })).toEqual(ids.slice(middle, middle + 10));
    expect(at(filter, newestId, total - 10, 10, { total })).toEqual(ids.slice(total - 10));
    expect(at(filter, newestId, total - 3, 10, { total })).toEqual(ids.slice(total - 3));
    expect(at(filter, newestId, total, 10, { total })).toEqual([]);
    expect(at(filter, newestId, total + 5, 10)).toEqual([]);
    const above = { position: 5, id: ids[5]! };
    const below = { position: total - 4, id: ids[total - 4]! };
    expect(at(filter, newestId, middle, 10, { near: [above] })).toEqual(ids.slice(middle, middle + 10));
    expect(at(filter, newestId, middle, 10, { near: [below] })).toEqual(ids.slice(middle, middle + 10));
    expect(at(filter, newestId, 6, 10, { near: [above, below], total })).toEqual(ids.slice(6, 16));
  });

  it('counts how many of those it counts are newer than an earlier count', () => {
    const first = store.inbox.count({ endpoint: 'qa' });
    for (let i = N + 1; i < N + 7; i++) record(i);
    deriveAll();
    const second = store.inbox.count({ endpoint: 'qa' }, first.newestId);
    expect(second.newestId).toBe(first.newestId + 6);
    // N+1 … N+6: those at qa are every third.
    const qa = Array.from({ length: 6 }, (_, k) => N + 1 + k).filter((i) => i % 3 === 0).length;
    expect(second).toEqual({ total: first.total + qa, newestId: first.newestId + 6, newer: qa });
  });
});
