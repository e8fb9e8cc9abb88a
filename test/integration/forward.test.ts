// Forward on arrival to a real loopback app: tee never touches the vendor's answer, relay answers with
// the app's answer (or the endpoint's own when the app fails or is slow), catch-up sends the missed
// ones exactly once, in order.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';
import { startTarget, type Target } from './support/target.js';
import { TEE_CONCURRENCY } from '../../main/core/forward/forwarder.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
const idOf = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-callback-inspector-delivery']);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function core() {
  const c = await startTestCore();
  cleanups.push(c.cleanup);
  return c;
}
async function target(port?: number): Promise<Target> {
  const t = await startTarget(port ? { port } : {});
  cleanups.push(t.close);
  return t;
}
/** A loopback port with nothing listening on it (yet). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached');
}

describe('tee', () => {
  it('forwards the delivery as it arrived, after answering the vendor with the endpoint’s own answer', async () => {
    const c = await core();
    const app = await target();
    await c.api.putEndpoint({
      name: 'acme',
      response: { status: 202, body: '{"own":true}' },
      forward: { url: app.url('/ok'), mode: 'tee' },
    });
    const res = await send(`${c.receiver.url}hooks/acme/cb?x=1`, {
      headers: { 'content-type': 'application/json', 'X-Custom': 'kept' },
      body: seed,
    });
    expect(res.status).toBe(202);
    expect(res.body).toBe('{"own":true}');
    await app.waitFor(1);
    const got = app.received[0]!;
    expect(got.method).toBe('POST');
    expect(got.body.equals(seed)).toBe(true);
    expect(got.headers).toContainEqual(['X-Custom', 'kept']);
    expect(got.headers).toContainEqual(['X-Callback-Inspector-Delivery', String(idOf(res))]);
    const status = await until(
      () => c.api.forwardStatus({ endpoint: 'acme' }),
      (s) => s.counts.delivered === 1,
    );
    expect(status.counts).toEqual({ pending: 0, delivered: 1, failed: 0, paused: 0 });
    const sends = await c.api.listSends({ deliveryId: idOf(res) });
    expect(sends.map((s) => [s.responseStatus, s.ok])).toEqual([[200, true]]);
  });

  it('never delays or changes the vendor’s answer, whatever the app does', async () => {
    const c = await core();
    const app = await target();
    await c.api.putEndpoint({
      name: 'slow',
      response: { failFirst: 1, failStatus: 503 },
      forward: { url: app.url('/hang'), mode: 'tee', timeoutMs: 300 },
    });
    // The app never answers; the vendor still gets the endpoint's own answers (503, then 200 for its retry).
    const first = await send(`${c.receiver.url}hooks/slow/`, { body: seed, timeoutMs: 5_000 });
    const retry = await send(`${c.receiver.url}hooks/slow/`, { body: seed, timeoutMs: 5_000 });
    expect([first.status, retry.status]).toEqual([503, 200]);
    const status = await until(
      () => c.api.forwardStatus({ endpoint: 'slow' }),
      (s) => s.counts.failed === 2,
    );
    expect(status.counts.delivered).toBe(0);
    const attempts = await c.api.listSends({ deliveryId: idOf(first) });
    expect(attempts[0]!.errorClass).toBe('timeout');
  });

  it('keeps at most a few tee forwards open per endpoint; the rest wait their turn and all arrive', async () => {
    const c = await core();
    const app = await target();
    await c.api.putEndpoint({ name: 'burst', forward: { url: app.url('/ok?delay=200'), mode: 'tee' } });
    const bodies = Array.from({ length: 3 * TEE_CONCURRENCY }, (_, i) => `{"n":${i}}`);
    const answers = await Promise.all(bodies.map((body) => send(`${c.receiver.url}hooks/burst/`, { body })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await app.waitFor(bodies.length);
    expect(app.maxInFlight).toBeLessThanOrEqual(TEE_CONCURRENCY);
    // Those that waited were read back from the store: every body arrives intact.
    expect(app.received.map((r) => r.body.toString()).sort()).toEqual([...bodies].sort());
    await until(
      () => c.api.forwardStatus({ endpoint: 'burst' }),
      (s) => s.counts.delivered === bodies.length,
    );
  });

  it('retries a failed forward with the configured policy', async () => {
    const c = await core();
    const app = await target();
    await c.api.putEndpoint({
      name: 'retrying',
      forward: { url: app.url('/flaky/2'), mode: 'tee', retry: { intervalMs: 60_000, maxRetries: 5, timeScale: 6000 } },
    });
    const res = await send(`${c.receiver.url}hooks/retrying/`, { body: seed });
    expect(res.status).toBe(200);
    await until(
      () => c.api.forwardStatus({ endpoint: 'retrying' }),
      (s) => s.counts.delivered === 1,
    );
    const attempts = await c.api.listSends({ deliveryId: idOf(res) });
    expect(attempts.map((a) => a.responseStatus).reverse()).toEqual([500, 500, 200]);
  });
});

describe('relay', () => {
  it('answers the vendor with the app’s answer, so its retries react to the app (500, 500, then 200)', async () => {
    const c = await core();
    const app = await target();
    await c.api.putEndpoint({ name: 'dev', forward: { url: app.url('/flaky/2'), mode: 'relay' } });
    const answers = [];
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const res = await send(`${c.receiver.url}hooks/dev/`, { headers: { 'content-type': 'application/json' }, body: seed });
      answers.push([res.status, res.body]);
      ids.push(idOf(res));
    }
    expect(answers).toEqual([
      [500, '{"error":"test failure"}'],
      [500, '{"error":"test failure"}'],
      [200, '{}'],
    ]);
    // The vendor-retry group reads with the app's answers.
    const last = (await c.api.getDelivery({ id: ids[2]! }))!;
    expect(last.retryGroup.map((g) => [g.attempt, g.responseStatus])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(last.response).toMatchObject({ status: 200, reason: 'relayed' });
    expect(app.received.every((r) => r.body.equals(seed))).toBe(true);
  });

  it('falls back to the endpoint’s own answer when the app is slow, and still stores the delivery', async () => {
    const c = await core();
    const app = await target();
    await c.api.putEndpoint({
      name: 'slowapp',
      response: { status: 202, body: 'fallback' },
      forward: { url: app.url('/hang'), mode: 'relay', timeoutMs: 300 },
    });
    const res = await send(`${c.receiver.url}hooks/slowapp/`, { body: seed, timeoutMs: 10_000 });
    expect([res.status, res.body]).toEqual([202, 'fallback']);
    const d = (await c.api.getDelivery({ id: idOf(res) }))!;
    expect(d.response).toMatchObject({ status: 202, reason: 'relay-fallback' });
    expect(d.kind).toBe('call-end');
    expect((await c.api.forwardStatus({ endpoint: 'slowapp' })).counts.failed).toBe(1);
  });

  it('falls back when the app is down', async () => {
    const c = await core();
    await c.api.putEndpoint({ name: 'down', forward: { url: `http://127.0.0.1:${await freePort()}/`, mode: 'relay' } });
    const res = await send(`${c.receiver.url}hooks/down/`, { body: seed });
    expect([res.status, res.body]).toEqual([200, '{}']);
    expect((await c.api.getDelivery({ id: idOf(res) }))!.response.reason).toBe('relay-fallback');
  });
});

describe('pause, resume and catch-up', () => {
  it('forwards exactly what failed while the app was down or forwarding was paused, once, in order', async () => {
    const c = await core();
    const port = await freePort();
    const endpoint = { name: 'local', forward: { url: `http://127.0.0.1:${port}/ok`, mode: 'tee' as const } };
    await c.api.putEndpoint(endpoint);
    const body = (n: number) => JSON.stringify({ TaskID: `t${n}`, Sign: 'x', Details: [] });
    const failedIds = [];
    for (let n = 1; n <= 3; n++) failedIds.push(idOf(await send(`${c.receiver.url}hooks/local/`, { body: body(n) })));
    await until(
      () => c.api.forwardStatus({ endpoint: 'local' }),
      (s) => s.counts.failed === 3,
    );

    await c.api.putEndpoint({ ...endpoint, forward: { ...endpoint.forward, paused: true } });
    const pausedId = idOf(await send(`${c.receiver.url}hooks/local/`, { body: body(4) }));
    expect((await c.api.forwardStatus({ endpoint: 'local' })).counts).toMatchObject({ failed: 3, paused: 1 });

    const app = await target(port);
    await c.api.putEndpoint(endpoint); // resume
    const live = idOf(await send(`${c.receiver.url}hooks/local/`, { body: body(5) }));
    await app.waitFor(1);
    const job = await c.api.forwardCatchUp({ endpoint: 'local' });
    expect(job.total).toBe(4);
    await until(
      () => c.api.getJob({ jobId: job.id }),
      (j) => j?.state === 'done',
    );
    await app.waitFor(5);
    const order = app.received.map((r) => Number(r.headers.find(([n]) => n === 'X-Callback-Inspector-Delivery')![1]));
    expect(order).toEqual([live, ...failedIds, pausedId]);
    expect((await c.api.forwardStatus({ endpoint: 'local' })).counts).toEqual({ pending: 0, delivered: 5, failed: 0, paused: 0 });
    await expect(c.api.forwardCatchUp({ endpoint: 'local' })).rejects.toThrow(/nothing to catch up/);
    expect(app.received).toHaveLength(5);
  });
});
