// The receiver keeps every request byte-for-byte and answers only after the row is committed.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/app.js';
import { sha256Hex } from '../../main/core/store/hash.js';
import { rawBodyText } from '../../shared/raw-body-text.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function core(options: Parameters<typeof startTestCore>[0] = {}) {
  const c = await startTestCore(options);
  cleanup = c.cleanup;
  return c;
}

describe('receiver', () => {
  it('answers the seed example 200 {} and stores its exact bytes as a call-end delivery', async () => {
    const c = await core();
    const res = await send(c.receiver.url, { headers: { 'Content-Type': 'application/json', 'User-Agent': 'Airudder' }, body: seed });
    expect(res.status).toBe(200);
    expect(res.body).toBe('{}');
    const id = Number(res.headers['x-callback-inspector-delivery']);
    expect(c.store.deliveries.body(id)?.equals(seed)).toBe(true);
    const detail = await c.api.getDelivery({ id });
    expect(detail?.kind).toBe('call-end');
    expect(detail?.sha256).toBe(sha256Hex(seed));
    expect(detail?.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(detail?.calls.map((call) => call.callId)).toEqual(['6dbf57adc3ecf4f4bfd5efe85ccad659']);
    expect(detail?.response).toMatchObject({ status: 200, reason: 'default' });
  });

  it('captures any method, path and query with all headers in arrival order and the forwarded headers', async () => {
    const c = await core();
    const res = await send(`${c.receiver.url}hooks/acme/x/y?a=1&b=%20`, {
      method: 'PATCH',
      headers: {
        'X-Zeta': '1',
        'x-alpha': '2',
        Host: 'abc.ngrok.example',
        'X-Forwarded-For': '203.0.113.9',
        'X-Forwarded-Host': 'abc.ngrok.example',
      },
      body: 'not json at all',
    });
    expect(res.status).toBe(200);
    const d = await c.api.getDelivery({ id: Number(res.headers['x-callback-inspector-delivery']) });
    expect(d).toMatchObject({ method: 'PATCH', path: '/hooks/acme/x/y', query: 'a=1&b=%20', endpoint: 'acme', kind: 'not-json' });
    const names = d!.headers.map(([n]) => n);
    expect(names.indexOf('X-Zeta')).toBeLessThan(names.indexOf('x-alpha'));
    expect(d!.forwarded).toMatchObject({ 'x-forwarded-for': '203.0.113.9', 'x-forwarded-host': 'abc.ngrok.example' });
    expect(d!.remoteAddress).toMatch(/127\.0\.0\.1/);
    // Offered for the user to confirm, not taken: any sender can write X-Forwarded-Host.
    expect(await c.api.info({})).toMatchObject({ publicUrl: null, suggestedPublicUrl: 'https://abc.ngrok.example' });
  });

  it('keeps a gzip body gzip in the store and still reads it as a call-end notification', async () => {
    const c = await core();
    const gz = gzipSync(seed);
    const res = await send(c.receiver.url, { headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, body: gz });
    const id = Number(res.headers['x-callback-inspector-delivery']);
    expect(c.store.deliveries.body(id)?.equals(gz)).toBe(true);
    expect((await c.api.getDelivery({ id }))?.kind).toBe('call-end');
    expect(rawBodyText((await c.api.getRawBody({ id }))!)).toBe(seed.toString('utf8'));
  });

  it('answers 413 to a body over the limit and records its head flagged truncated', async () => {
    const c = await core({ bodyLimit: 1024 });
    const big = Buffer.alloc(200_000, 'a');
    const res = await send(c.receiver.url, { body: big });
    expect(res.status).toBe(413);
    const [row] = (await c.api.listDeliveries({})).items;
    expect(row).toMatchObject({ truncated: true, responseStatus: 413, kind: 'not-json' });
    const stored = c.store.deliveries.body(row!.id)!;
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThanOrEqual(1024);
    expect(stored.equals(big.subarray(0, stored.length))).toBe(true);
  });

  it('records what arrived of a body whose client went away, without answering', async () => {
    const c = await core();
    const socket = connect(c.receiver.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('POST /cut HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"TaskID":"abc"');
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await expect.poll(async () => (await c.api.listDeliveries({})).items.length).toBe(1);
    const [row] = (await c.api.listDeliveries({})).items;
    expect(row).toMatchObject({ path: '/cut', truncated: true, responseStatus: null });
    expect(c.store.deliveries.body(row!.id)?.toString()).toBe('{"TaskID":"abc"');
    expect((await c.api.getDelivery({ id: row!.id }))?.response.reason).toBe('aborted');
  });

  it('has committed the row by the time the 200 arrives (seen from another connection to the file)', async () => {
    const c = await core();
    const res = await send(c.receiver.url, { body: seed });
    const other = new Database(join(c.dataDir, DATABASE_FILE), { readonly: true });
    try {
      const row = other.prepare('SELECT sha256 FROM deliveries WHERE id = ?').get(Number(res.headers['x-callback-inspector-delivery']));
      expect(row).toEqual({ sha256: sha256Hex(seed) });
    } finally {
      other.close();
    }
  });

  it('accepts any Host header, as tunnels rewrite it', async () => {
    const c = await core();
    const res = await send(c.receiver.url, { headers: { Host: 'evil.example:443' }, body: '{}' });
    expect(res.status).toBe(200);
  });

  it('never serves the API on the receiver port: an API path is just another delivery', async () => {
    const c = await core();
    const res = await send(`${c.receiver.url}api/listDeliveries`, { body: '{}' });
    expect(res.body).toBe('{}');
    expect((await c.api.listDeliveries({})).items[0]).toMatchObject({ path: '/api/listDeliveries' });
  });

  it('closes a connection whose headers never finish (slowloris) while others are still served', async () => {
    // The idle limit is far off, so it is the headers limit that ends the slow client, with a 408.
    const c = await core({ receiverTimeouts: { headersMs: 300, idleMs: 20_000, requestMs: 1_000 } });
    const slow = connect(c.receiver.port, '127.0.0.1');
    await new Promise((r) => slow.once('connect', r));
    slow.write('POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    // Read what the server says: an unread socket never sees the server's end, so never closes.
    let answer = '';
    slow.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    const closed = new Promise((r) => slow.once('close', r));
    expect((await send(c.receiver.url, { body: '{}' })).status).toBe(200);
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});
