// Bodies whose shape, not their size on the wire, is the attack: a few KB that inflate under the
// decoding cap into millions of values. Each is acknowledged, stored byte-identical and derived within
// the body budgets (ingest/limits.ts) off the receiver's thread; afterwards the receiver answers a
// normal delivery within a second, that delivery is searchable, and a restart derives nothing again.
// HOSTILE_LONG=1 adds the big shapes (a 30 MB plain body, 21M entries in other codings).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemsOf } from '../../main/core/store/index.js';
import { startTestCore, tempDir } from '../integration/support/core.js';
import { send } from '../integration/support/http.js';

const long = process.env.HOSTILE_LONG === '1';
const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
const callId = (JSON.parse(seed.toString()) as { Details: Array<{ CallID: string }> }).Details[0]!.CallID;

/** `head` + `item` × n (comma-separated) + `tail`, compressed as it is written: never whole in memory. */
function repeated(head: string, item: string, n: number, tail: string, coding: 'gzip' | 'deflate' | 'br' | 'identity'): Buffer {
  const text = Buffer.from(`${head}${`${item},`.repeat(n - 1)}${item}${tail}`);
  if (coding === 'gzip') return gzipSync(text, { level: 9 });
  if (coding === 'deflate') return deflateSync(text, { level: 9 });
  if (coding === 'br') return brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  return text;
}

interface Shape {
  name: string;
  body: () => Buffer;
  coding: 'gzip' | 'deflate' | 'br' | 'identity';
  /** The problem codes its derivation must raise (what was cut). */
  codes: string[];
}

const shapes: Shape[] = [
  // The issue's reproduction: 61 KB of gzip, 63 MB of `{}` in Details.
  {
    name: '21M empty calls, gzip',
    coding: 'gzip',
    body: () => repeated('{"TaskID":"bomb","Sign":"x","Details":[', '{}', 21_000_000, ']}', 'gzip'),
    codes: ['value-limit', 'index-limit'],
  },
  {
    name: '1M empty calls, gzip (3 KB)',
    coding: 'gzip',
    body: () => repeated('{"TaskID":"bomb","Sign":"x","Details":[', '{}', 1_000_000, ']}', 'gzip'),
    codes: ['index-limit'],
  },
  { name: '31M numbers, gzip', coding: 'gzip', body: () => repeated('[', '0', 31_000_000, ']', 'gzip'), codes: ['value-limit'] },
  {
    name: '300,000 redials in one call, deflate',
    coding: 'deflate',
    body: () => repeated('{"TaskID":"r","Sign":"x","Details":[{"CallID":"c","RedailCall":[', '{"CallID":"r"}', 300_000, ']}]}', 'deflate'),
    codes: ['index-limit'],
  },
  {
    name: '2.5M keys in one object, brotli',
    coding: 'br',
    body: () =>
      brotliCompressSync(Buffer.from(`{${Array.from({ length: 2_500_000 }, (_, i) => `"k${i}":0`).join(',')}}`), {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
      }),
    codes: ['value-limit'],
  },
  // From a review: every duplicate-key problem's path repeated a 60 MB key (100 of them: 6 GB).
  {
    name: 'duplicate keys under a 60 MB key, gzip',
    coding: 'gzip',
    body: () => gzipSync(`{"${'a'.repeat(60_000_000)}":{${'"x":0,'.repeat(101)}"x":0}}`),
    codes: ['duplicate-key'],
  },
  // A number of a million digits: the contract check judged it with BigInt.
  {
    name: 'a RingTime of a million digits',
    coding: 'gzip',
    body: () => gzipSync(`{"TaskID":"t","Sign":"x","Details":[{"CallID":"c","RingTime":${'9'.repeat(1_000_000)}}]}`),
    codes: ['unsafe-integer'],
  },
  {
    name: '4M empty strings in a transcript, gzip',
    coding: 'gzip',
    body: () => repeated('{"TaskID":"t","Sign":"x","Details":[{"CallID":"c","AsrResult":[', '""', 4_000_000, ']}]}', 'gzip'),
    codes: ['value-limit'],
  },
  ...(long
    ? [
        {
          name: '21M empty calls, brotli',
          coding: 'br' as const,
          body: () => repeated('{"TaskID":"bomb","Sign":"x","Details":[', '{}', 21_000_000, ']}', 'br'),
          codes: ['value-limit', 'index-limit'],
        },
        {
          name: '21M empty arrays, deflate',
          coding: 'deflate' as const,
          body: () => repeated('{"TaskID":"bomb","Sign":"x","Details":[', '[]', 21_000_000, ']}', 'deflate'),
          codes: ['value-limit'],
        },
        {
          name: '30 MB plain body, 2M calls',
          coding: 'identity' as const,
          body: () => repeated('{"TaskID":"big","Sign":"x","Details":[', '{"CallID":"0123"}', 1_700_000, ']}', 'identity'),
          codes: ['value-limit', 'index-limit'],
        },
      ]
    : []),
];

const dir = tempDir();
let core: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  core = await startTestCore({ dataDir: dir.path });
});
afterAll(async () => {
  await core?.close();
  dir.remove();
});

/** A normal delivery after the attack: answered within a second, then found by its CallID. */
async function stillServes(): Promise<void> {
  const started = performance.now();
  const res = await send(core.receiver.url, { headers: { 'content-type': 'application/json' }, body: seed, timeoutMs: 5_000 });
  expect(res.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
  const id = Number(res.headers['x-callback-inspector-delivery']);
  const found = await core.api.waitForDelivery({ match: `CallID:${callId}`, after: id - 1, timeoutMs: 20_000 });
  expect(found).toMatchObject({ id, kind: 'call-end' });
}

describe('bodies that inflate into millions of values', () => {
  const ids = new Map<string, { id: number; body: Buffer }>();

  it.each(shapes)(
    '$name: acknowledged, stored byte-identical, derived within the budgets',
    async (shape) => {
      const body = shape.body();
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (shape.coding !== 'identity') headers['content-encoding'] = shape.coding;
      const res = await send(`${core.receiver.url}hooks/x/`, { headers, body, timeoutMs: 30_000 });
      expect(res.status).toBe(200);
      const id = Number(res.headers['x-callback-inspector-delivery']);
      ids.set(shape.name, { id, body });
      await stillServes();
      const detail = (await core.api.getDelivery({ id }))!;
      expect(detail.kind).not.toBe('pending');
      expect(detail.problems.map((p) => p.code)).toEqual(expect.arrayContaining(shape.codes));
      expect(detail.calls.length).toBeLessThanOrEqual(1_000);
      expect(core.store.deliveries.body(id)!.equals(body)).toBe(true);
      // What one delivery may add to the index is bounded whatever it holds.
      const rows = core.store.db
        .prepare('SELECT (SELECT COUNT(*) FROM calls WHERE delivery_id = ?) + (SELECT COUNT(*) FROM redials WHERE delivery_id = ?) AS n')
        .get(id, id) as { n: number };
      expect(rows.n).toBeLessThanOrEqual(100_000);
    },
    120_000,
  );

  it('keeps its word across a restart: nothing is pending, nothing is derived again, every body is intact', async () => {
    await core.close();
    core = await startTestCore({ dataDir: dir.path });
    expect(core.store.deliveries.lastPendingId()).toBe(0);
    for (const { id, body } of ids.values()) {
      expect(core.store.deliveries.body(id)!.equals(body)).toBe(true);
      expect(problemsOf(core.store.deliveries.get(id)!).length).toBeGreaterThan(0);
    }
    await stillServes();
  }, 60_000);
});
