// The receiver commits a delivery as it arrived; ingest (kind, calls, problems, search) follows on the
// deriver's thread. Nothing a reader sees through the API or an export is ever half-derived.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportLine } from '../../shared/export-format.js';
import type { DeliverySummary } from '../../shared/model.js';
import { DATABASE_FILE } from '../../main/core/app.js';
import { startDeriver } from '../../main/core/derive/deriver.js';
import { openStore, problemsOf, type Store } from '../../main/core/store/index.js';
import { exportNdjson } from '../../main/core/transfer/export-ndjson.js';
import { startTestCore, tempDir } from './support/core.js';
import { leavePending } from './support/leave-pending.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
const callId = (JSON.parse(seed.toString()) as { Details: Array<{ CallID: string }> }).Details[0]!.CallID;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Raw deliveries, not yet derived: the seed example first, then small JSON bodies. */
const leaveSome = (store: Store, n: number, bodyOf = (i: number) => (i === 0 ? seed : Buffer.from(`{"n":${i}}`))) =>
  leavePending(
    store,
    Array.from({ length: n }, (_, i) => bodyOf(i)),
  );

function pendingStore() {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const store = openStore(join(dir.path, DATABASE_FILE));
  const ids = leaveSome(store, 3);
  expect(ids.map((id) => store.deliveries.get(id)!.kind)).toEqual(['pending', 'pending', 'pending']);
  return { dir: dir.path, store, ids };
}

describe('deriving after the commit', () => {
  it('announces a delivery once derived, with its kind and calls', async () => {
    const c = await startTestCore();
    cleanups.push(c.cleanup);
    const announced = new Promise<DeliverySummary>((resolve) => c.events.on('deliveryReceived', resolve));
    const res = await send(c.receiver.url, { headers: { 'content-type': 'application/json' }, body: seed });
    const summary = await announced;
    expect(summary.id).toBe(Number(res.headers['x-callback-inspector-delivery']));
    expect(summary).toMatchObject({ kind: 'call-end', callCount: 1, sign: 'verified' });
  });

  it('acknowledges a burst, then derives and announces every delivery of it exactly once, in order', async () => {
    const c = await startTestCore();
    cleanups.push(c.cleanup);
    const announced: number[] = [];
    c.events.on('deliveryReceived', (d) => announced.push(d.id));
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        send(c.receiver.url, { headers: { 'content-type': 'application/json' }, body: i % 2 ? seed : `{"n":${i}}` }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const ids = answers.map((a) => Number(a.headers['x-callback-inspector-delivery'])).sort((a, b) => a - b);
    await expect.poll(() => announced.length, { timeout: 20_000 }).toBe(300);
    expect(announced).toEqual(ids);
    const kinds = ids.map((id) => c.store.deliveries.get(id)!.kind);
    expect(kinds.filter((k) => k === 'call-end')).toHaveLength(150);
    expect(kinds.filter((k) => k === 'json')).toHaveLength(150);
  });

  it('derives, at the next start, what a killed process left pending', async () => {
    const { dir, store, ids } = pendingStore();
    store.close();
    const c = await startTestCore({ dataDir: dir });
    cleanups.push(() => c.close());
    expect((await c.api.getDelivery({ id: ids[0]! }))!.kind).toBe('call-end');
    expect((await c.api.findCalls({ callId })).map((x) => x.deliveryId)).toEqual([ids[0]]);
    const page = await c.api.listDeliveries({ filter: {} });
    expect(page.items.map((d) => d.kind)).toEqual(['json', 'json', 'call-end']);
  });

  it('answers what reads no deliveries (info, endpoints, jobs) at once while a backlog is still being derived', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const store = openStore(join(dir.path, DATABASE_FILE));
    leaveSome(store, 300, (i) => Buffer.from(seed.toString().replace(callId, i.toString(16).padStart(32, '0'))));
    store.close();
    const c = await startTestCore({ dataDir: dir.path });
    cleanups.push(() => c.close());
    const answered: string[] = [];
    const noted =
      (name: string) =>
      <T>(value: T) => (answered.push(name), value);
    // Asked first, a read of deliveries waits for the backlog; the others do not wait behind it.
    const page = c.api.listDeliveries({ filter: {}, limit: 5 }).then(noted('listDeliveries'));
    await Promise.all([
      c.api.info({}).then(noted('info')),
      c.api.listEndpoints({}).then(noted('listEndpoints')),
      c.api.listJobs({}).then(noted('listJobs')),
      c.api.getSettings({}).then(noted('getSettings')),
    ]);
    expect(answered).toEqual(['info', 'listEndpoints', 'listJobs', 'getSettings']);
    expect((await page).items.map((d) => d.kind)).toEqual(Array(5).fill('call-end'));
  });

  it('export derives a pending delivery itself, so it never writes a kind the format does not know', () => {
    const { store, ids } = pendingStore();
    cleanups.push(() => store.close());
    const lines = [...exportNdjson(store)].map((l) => JSON.parse(l) as ExportLine);
    expect(lines.map((l) => [l.id, l.kind, l.callCount])).toEqual([
      [ids[0], 'call-end', 1],
      [ids[1], 'json', 0],
      [ids[2], 'json', 0],
    ]);
    expect(lines[0]!.sign).toBe('verified');
    expect(store.deliveries.get(ids[0]!)!.kind).toBe('pending'); // export only reads
  });

  it('reports the backlog (committed, not yet derived) as it grows and until it is 0 again', async () => {
    const { store, ids } = pendingStore();
    cleanups.push(() => store.close());
    const reports: number[] = [];
    const deriver = startDeriver({ store, onDerived: () => {}, onBacklog: (n) => reports.push(n) });
    cleanups.push(() => deriver.stop());
    // At start it is told what a killed process left: all three are behind.
    expect(reports[0]).toBe(ids.length);
    await deriver.settled(20_000);
    expect(reports.at(-1)).toBe(0);
    expect(ids.map((id) => store.deliveries.get(id)!.kind)).not.toContain('pending');
  });

  it('never derives on this thread: a deriving process that cannot open the store is retried and the deliveries wait, pending', async () => {
    const { store, ids } = pendingStore();
    cleanups.push(() => store.close());
    const errors: unknown[] = [];
    const deriver = startDeriver({
      store,
      nativeBinding: '/nonexistent/better_sqlite3.node',
      onDerived: () => undefined,
      onError: (e) => errors.push(e),
    });
    cleanups.push(() => deriver.stop());
    deriver.committed(ids[2]!);
    // Started again after 0.25 s, 0.5 s, …: each failure is reported, and no delivery is blamed for it.
    await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(3), { timeout: 20_000, interval: 100 });
    expect(ids.map((id) => store.deliveries.get(id)!.kind)).toEqual(['pending', 'pending', 'pending']);
  });
});

/** A body that takes the deriver seconds: 3M empty objects, built in full without a value budget. */
const heapBomb = () => Buffer.from(`{"TaskID":"bomb","Sign":"x","Details":[${'{},'.repeat(3_000_000)}{}]}`);

describe('a delivery the deriver cannot finish', () => {
  it('is marked not derivable when it takes the deriving process past its heap, and this process lives on', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const store = openStore(join(dir.path, DATABASE_FILE));
    cleanups.push(() => store.close());
    const ids = leaveSome(store, 3, (i) => (i === 1 ? heapBomb() : i === 0 ? seed : Buffer.from(`{"n":${i}}`)));
    const [before, bomb, after] = ids as [number, number, number];
    const errors: unknown[] = [];
    const deriver = startDeriver({
      store,
      heapMb: 64,
      limits: { maxValues: Infinity },
      onDerived: () => undefined,
      onError: (e) => errors.push(e),
    });
    cleanups.push(() => deriver.stop());
    deriver.committed(after);
    await deriver.settled(60_000);
    // Once with its batch, once alone: the second names it. Its process died, twice; this one did not.
    expect(errors.map(String)).toEqual([
      expect.stringContaining('ran out of its 64 MB of memory'),
      expect.stringContaining('ran out of its 64 MB of memory'),
    ]);
    const derived = store.deliveries.get(bomb)!;
    expect(derived.kind).toBe('not-json');
    expect(problemsOf(derived)).toEqual([
      expect.objectContaining({
        code: 'not-derivable',
        severity: 'error',
        message: expect.stringMatching(
          /^Not indexed: deriving this delivery failed \(the deriver's process ran out of its 64 MB of memory\)/,
        ),
      }),
    ]);
    expect(store.deliveries.get(before)!.kind).toBe('call-end');
    expect(store.deliveries.get(after)!.kind).toBe('json');
    expect(store.deliveries.body(bomb)!.equals(heapBomb())).toBe(true);
    expect(store.deliveries.lastPendingId()).toBe(0);
  });

  it('is marked not derivable when one batch takes longer than the time limit', async () => {
    const { store, ids } = pendingStore();
    cleanups.push(() => store.close());
    const [slow] = leaveSome(store, 1, () => heapBomb());
    const errors: unknown[] = [];
    const deriver = startDeriver({
      store,
      batchTimeoutMs: 150,
      limits: { maxValues: Infinity },
      onDerived: () => undefined,
      onError: (e) => errors.push(e),
    });
    cleanups.push(() => deriver.stop());
    deriver.committed(slow!);
    await deriver.settled(60_000);
    // Once with its batch, once alone: the second names it.
    expect(errors.map(String)).toEqual([expect.stringContaining('longer than 0 s'), expect.stringContaining('longer than 0 s')]);
    const derived = store.deliveries.get(slow!)!;
    expect(derived.kind).toBe('not-json');
    expect(problemsOf(derived)).toEqual([
      expect.objectContaining({
        code: 'not-derivable',
        severity: 'error',
        message: expect.stringMatching(/^Not indexed: deriving this delivery failed \(a batch took longer than 0 s\)/),
      }),
    ]);
    expect(ids.map((id) => store.deliveries.get(id)!.kind)).toEqual(['call-end', 'json', 'json']);
    // Its raw body is untouched, and nothing is left for a later start to try.
    expect(store.deliveries.body(slow!)!.equals(heapBomb())).toBe(true);
    expect(store.deliveries.lastPendingId()).toBe(0);
  });
});
