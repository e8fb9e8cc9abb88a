// Named endpoints answer as configured (a failing endpoint, on request) and the answer given is stored;
// the same body arriving again is recognised as the vendor's retry.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, tempDir } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function coreWith(endpoint: Record<string, unknown>, random?: () => number) {
  const c = await startTestCore(random ? { random } : {});
  cleanup = c.cleanup;
  await c.api.putEndpoint(endpoint as Parameters<typeof c.api.putEndpoint>[0]);
  return c;
}

const idOf = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-callback-inspector-delivery']);

describe('endpoint behaviour', () => {
  it('fails the first N deliveries of each distinct body, then answers 200, linking the retries', async () => {
    const c = await coreWith({ name: 'flaky', response: { failFirst: 2, failStatus: 503 } });
    const url = `${c.receiver.url}hooks/flaky/callback`;
    const statuses = [];
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const res = await send(url, { body: seed });
      statuses.push(res.status);
      ids.push(idOf(res));
    }
    expect(statuses).toEqual([503, 503, 200]);
    const other = await send(url, { body: '{"TaskID":"x","Sign":"y"}' });
    expect(other.status).toBe(503);

    const last = await c.api.getDelivery({ id: ids[2]! });
    expect(last).toMatchObject({ attempt: 3, retryOf: ids[0] });
    expect(last!.retryGroup.map((g) => [g.id, g.attempt, g.responseStatus])).toEqual([
      [ids[0], 1, 503],
      [ids[1], 2, 503],
      [ids[2], 3, 200],
    ]);
    expect(last!.retryGroup[1]!.gapMs).toBeGreaterThanOrEqual(0);
    expect(last!.response).toMatchObject({ status: 200 });
    expect((await c.api.getDelivery({ id: ids[0]! }))!.response).toMatchObject({ status: 503, reason: 'fail-first' });
  });

  it('keeps retry groups apart per endpoint', async () => {
    const c = await coreWith({ name: 'a' });
    const first = await send(`${c.receiver.url}hooks/a/`, { body: seed });
    const elsewhere = await send(`${c.receiver.url}hooks/b/`, { body: seed });
    expect(await c.api.getDelivery({ id: idOf(elsewhere) })).toMatchObject({ attempt: 1, retryOf: null });
    expect(await c.api.getDelivery({ id: idOf(first) })).toMatchObject({ attempt: 1, retryOf: null });
  });

  it('answers with the configured status, body and delay', async () => {
    const c = await coreWith({ name: 'slow', response: { status: 202, body: 'accepted', contentType: 'text/plain', delayMs: 150 } });
    const started = Date.now();
    const res = await send(`${c.receiver.url}hooks/slow`, { body: seed });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res).toMatchObject({ status: 202, body: 'accepted' });
    expect((await c.api.getDelivery({ id: idOf(res) }))!.response).toMatchObject({ status: 202, delayMs: 150, reason: 'configured' });
  });

  it('hangs when told to, having stored the delivery first', async () => {
    const c = await coreWith({ name: 'hang', response: { hang: true } });
    await expect(send(`${c.receiver.url}hooks/hang/`, { body: seed, timeoutMs: 300 })).rejects.toThrow(/timeout/);
    const [row] = (await c.api.listDeliveries({})).items;
    expect(row).toMatchObject({ endpoint: 'hang', responseStatus: null });
    expect((await c.api.getDelivery({ id: row!.id }))!.response).toMatchObject({ hung: true });
  });

  it('fails at the configured random rate', async () => {
    const rolls = [0.1, 0.9, 0.2, 0.8];
    const c = await coreWith({ name: 'random', response: { failureRate: 0.5, failStatus: 502 } }, () => rolls.shift() ?? 0.99);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(`${c.receiver.url}hooks/random/`, { body: `{"n":${i}}` })).status);
    expect(statuses).toEqual([502, 200, 502, 200]);
  });

  it('verifies Sign with the endpoint KEY and an md5 template, and reports a mismatch', async () => {
    const { createHash } = await import('node:crypto');
    const body = (sign: string) => JSON.stringify({ TaskID: 'T1', TaskName: 'n', Sign: sign, Details: [] });
    const good = createHash('md5').update('T1secret').digest('hex');
    const c = await coreWith({ name: 'signed', key: 'secret', sign: { type: 'md5-template', template: '{TaskID}{KEY}' } });
    const ok = await send(`${c.receiver.url}hooks/signed/`, { body: body(good) });
    const bad = await send(`${c.receiver.url}hooks/signed/`, { body: body('0'.repeat(32)) });
    const elsewhere = await send(`${c.receiver.url}hooks/other/`, { body: body(good) });
    expect((await c.api.getDelivery({ id: idOf(ok) }))!.signDetail).toMatchObject({ status: 'verified', keySource: 'endpoint' });
    expect((await c.api.getDelivery({ id: idOf(bad) }))!.signDetail).toMatchObject({ status: 'mismatch', expected: good });
    // An endpoint without this KEY checks with the vendor's default KEY, which signed nothing here.
    expect((await c.api.getDelivery({ id: idOf(elsewhere) }))!.signDetail).toMatchObject({
      status: 'mismatch',
      keySource: 'vendor-default',
    });
  });
});

describe('what counts as a vendor retry', () => {
  it('never links empty bodies (probes, health checks), nor the same body on another path or method', async () => {
    const c = await coreWith({ name: 'probe' });
    const empties = [];
    for (let i = 0; i < 3; i++) empties.push(await send(`${c.receiver.url}hooks/probe/`, { method: 'GET' }));
    for (const r of empties) expect(await c.api.getDelivery({ id: idOf(r) })).toMatchObject({ attempt: 1, retryOf: null });
    const a = await send(`${c.receiver.url}hooks/probe/a`, { body: seed });
    const b = await send(`${c.receiver.url}hooks/probe/b`, { body: seed });
    const put = await send(`${c.receiver.url}hooks/probe/a`, { method: 'PUT', body: seed });
    const again = await send(`${c.receiver.url}hooks/probe/a`, { body: seed });
    expect(await c.api.getDelivery({ id: idOf(b) })).toMatchObject({ attempt: 1 });
    expect(await c.api.getDelivery({ id: idOf(put) })).toMatchObject({ attempt: 1 });
    expect(await c.api.getDelivery({ id: idOf(again) })).toMatchObject({ attempt: 2, retryOf: idOf(a) });
  });
});

describe('vendor retries across a restart', () => {
  it('counts a retry that arrives after the app restarted as attempt 2 of the same delivery', async () => {
    const dir = tempDir();
    const first = await startTestCore({ dataDir: dir.path });
    await first.api.putEndpoint({ name: 'flaky', response: { failFirst: 1, failStatus: 503 } });
    const one = await send(`${first.receiver.url}hooks/flaky/`, { body: seed });
    await first.close();
    const again = await startTestCore({ dataDir: dir.path });
    cleanup = async () => {
      await again.close();
      dir.remove();
    };
    const two = await send(`${again.receiver.url}hooks/flaky/`, { body: seed });
    expect([one.status, two.status]).toEqual([503, 200]);
    const d = (await again.api.getDelivery({ id: idOf(two) }))!;
    expect(d).toMatchObject({ attempt: 2, retryOf: idOf(one) });
  });

  it('links a retry to what retention left of its delivery', async () => {
    const c = await coreWith({ name: 'flaky', response: { failFirst: 9, failStatus: 503 } });
    const url = `${c.receiver.url}hooks/flaky/`;
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(idOf(await send(url, { body: seed })));
    await c.api.putSettings({ retentionCount: 1 }); // removes attempts 1 and 2, keeps 3
    const fourth = idOf(await send(url, { body: seed }));
    expect(await c.api.getDelivery({ id: fourth })).toMatchObject({ attempt: 4, retryOf: ids[2] });
  });
});
