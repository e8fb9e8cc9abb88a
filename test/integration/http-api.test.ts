// The API over HTTP: derived from shared/api.ts, loopback only, behind a token, with live events.
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../shared/api.js';
import { startHttpApi, type HttpApi } from '../../main/hosts/http/http-api.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const token = 'test-token-123';
let core: Awaited<ReturnType<typeof startTestCore>>;
let api: HttpApi;

beforeAll(async () => {
  core = await startTestCore();
  api = await startHttpApi({ service: core.service, events: core.events, token, port: 0 });
});
afterAll(async () => {
  await api.close();
  await core.cleanup();
});

async function call(op: string, input: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) {
  const res = await send(`${api.url}api/${op}`, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  return { status: res.status, json: JSON.parse(res.body) as { result?: any; error?: string; issues?: unknown[] } };
}

describe('HTTP API', () => {
  it('refuses a request without the token (401) and one with a foreign Host header (421)', async () => {
    expect((await call('listDeliveries', {}, {})).status).toBe(401);
    expect((await call('listDeliveries', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call('listDeliveries', {}, { authorization: `Bearer ${token}`, host: 'attacker.example' })).status).toBe(421);
  });

  it('exposes every operation of the contract, and nothing else', async () => {
    for (const op of Object.keys(operations)) {
      const { status } = await call(op, {});
      expect([200, 400], op).toContain(status);
    }
    expect((await call('dropTables', {})).status).toBe(404);
  });

  it('rejects invalid input with 400 and the offending path', async () => {
    const res = await call('listDeliveries', { limit: 'many' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json.issues)).toContain('limit');
    expect((await call('putEndpoint', { name: '../etc' })).status).toBe(400);
  });

  it('pushes a delivery-received event over SSE as a delivery arrives', async () => {
    const events: string[] = [];
    const req = request(`${api.url}api/events?token=${token}`);
    const gotEvent = new Promise<void>((resolve) => {
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          events.push(chunk);
          if (events.join('').includes('event: deliveryReceived')) resolve();
        });
      });
    });
    req.end();
    await new Promise((r) => setTimeout(r, 100));
    await send(core.receiver.url, { body: seed });
    await gotEvent;
    req.destroy();
    // Other events (the backlog count) may come first: the data line of the announcement itself.
    const lines = events.join('').split('\n');
    const data = lines[lines.indexOf('event: deliveryReceived') + 1]!;
    expect(JSON.parse(data.slice(6))).toMatchObject({ kind: 'call-end', taskName: 'Task-001', callCount: 1 });
  });

  it('finds deliveries by CallID, callee number, status, intention and full text, page by page', async () => {
    for (let i = 0; i < 3; i++) await send(core.receiver.url, { body: seed.replace('Task-001', `Task-00${i + 2}`) });
    const byCall = await call('listDeliveries', { filter: { callId: '6dbf57adc3ecf4f4bfd5efe85ccad659' } });
    expect(byCall.json.result.items.length).toBeGreaterThanOrEqual(3);
    const byText = await call('listDeliveries', { filter: { text: 'Task-003' } });
    expect(byText.json.result.items.map((d: { taskName: string }) => d.taskName)).toEqual(['Task-003']);
    const byTranscript = await call('listDeliveries', {
      filter: { text: 'pengiriman', status: 'finished', intention: 'E', callee: '+6212345678' },
    });
    expect(byTranscript.json.result.items.length).toBeGreaterThanOrEqual(3);
    expect((await call('listDeliveries', { filter: { status: 'failed' } })).json.result.items).toEqual([]);

    const first = await call('listDeliveries', { limit: 2 });
    const second = await call('listDeliveries', { limit: 2, cursor: first.json.result.nextCursor });
    const ids = [...first.json.result.items, ...second.json.result.items].map((d: { id: number }) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('returns a call with its big integer id digits intact and its redials', async () => {
    const big = seed.replace('"id": 15744007', '"id": 123456789012345678901');
    const res = await send(core.receiver.url, { body: big });
    const id = Number(res.headers['x-callback-inspector-delivery']);
    const { json } = await call('getCall', { deliveryId: id, index: 0 });
    expect(json.result.json).toContain('123456789012345678901');
    expect(json.result).toMatchObject({ ringTime: 3, ringType: 'normal' });
    expect(json.result.redials).toMatchObject([
      { callId: '138582ba03c98aeb04f2318cfa38c823', startTimeRaw: '2023-10-19 14:13:07', resultLabel: 'F' },
    ]);
  });

  it('builds the callee chain, reading zone-less redial times with the chosen offset', async () => {
    const asUtc = (await call('getChain', { callee: '+6212345678' })).json.result;
    expect(asUtc.map((a: { callId: string }) => a.callId)).toEqual([
      '6dbf57adc3ecf4f4bfd5efe85ccad659',
      '138582ba03c98aeb04f2318cfa38c823',
    ]);
    expect(asUtc[1]).toMatchObject({ source: 'redial', zoneAmbiguous: true });
    const asUtc8 = (await call('getChain', { callee: '+6212345678', redialOffsetMinutes: 480 })).json.result;
    expect(asUtc8.map((a: { callId: string }) => a.callId)).toEqual([
      '138582ba03c98aeb04f2318cfa38c823',
      '6dbf57adc3ecf4f4bfd5efe85ccad659',
    ]);
    expect(asUtc8[1].startMs - asUtc8[0].startMs).toBe(10_000);
  });

  it('names every endpoint there is: default, configured, and unconfigured ones deliveries arrived at', async () => {
    await send(`${core.receiver.url}hooks/zeta/`, { body: seed });
    await send(`${core.receiver.url}hooks/alpha/x`, { body: seed });
    await call('putEndpoint', { name: 'mid' });
    const { result } = (await call('listEndpointNames', {})).json;
    expect(result.names.filter((n: string) => ['default', 'alpha', 'mid', 'zeta'].includes(n))).toEqual([
      'default',
      'alpha',
      'mid',
      'zeta',
    ]);
    expect(result.names[0]).toBe('default');
    expect(result.configured).toContain('mid');
    expect(result.configured).not.toContain('zeta');
    await call('deleteEndpoint', { name: 'mid' });
    expect((await call('listEndpointNames', {})).json.result.names).not.toContain('mid');
  });

  it('creates, lists and deletes endpoints, and counts what arrived', async () => {
    expect((await call('putEndpoint', { name: 'acme', key: 'k' })).json.result).toMatchObject({
      name: 'acme',
      response: { status: 200, body: '{}' },
    });
    expect((await call('listEndpoints', {})).json.result.map((e: { name: string }) => e.name)).toContain('acme');
    expect((await call('deleteEndpoint', { name: 'acme' })).json.result).toEqual({ deleted: true });
    const stats = (await call('stats', {})).json.result;
    expect(stats.byKind['call-end']).toBeGreaterThanOrEqual(4);
    expect(stats.callsByStatus.finished).toBe(stats.byKind['call-end']);
    // Every seed call lasts 9 s (06:13:17 to 06:13:26).
    expect(stats.callDurations.find((r: { range: string }) => r.range === '0-10s').count).toBe(stats.callsByStatus.finished);
    expect(stats.overTime.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(stats.total);
  });
});

describe('exports over the API', () => {
  it('gives the selection as export NDJSON lines, oldest first, the same bytes as stored', async () => {
    const { json } = await call('exportNdjson', { filter: { text: 'Task-003' } });
    const lines = (json.result as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l: { kind: string }) => l.kind)).toEqual(['call-end']);
    expect(Buffer.from(lines[0].bodyBase64, 'base64').equals(core.store.deliveries.body(lines[0].id)!)).toBe(true);
  });
});
