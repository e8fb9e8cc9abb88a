// waitForDelivery, the QA long poll, over the real HTTP API: it answers with the first matching
// delivery that arrives after the call, times out cleanly, and a client that leaves frees its waiter.
import { request, type ClientRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApi, type HttpApi } from '../../main/hosts/http/http-api.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const token = 'wait-token';
let core: Awaited<ReturnType<typeof startTestCore>>;
let api: HttpApi;
/** Waiters currently subscribed to deliveryReceived (the SSE /api/events stream is never opened here). */
let listening = 0;

beforeAll(async () => {
  core = await startTestCore();
  const on = core.events.on.bind(core.events);
  core.events.on = ((name, listener) => {
    const off = on(name, listener);
    if (name !== 'deliveryReceived') return off;
    listening++;
    let done = false;
    return () => {
      if (!done) listening--;
      done = true;
      off();
    };
  }) as typeof core.events.on;
  api = await startHttpApi({ service: core.service, events: core.events, token, port: 0 });
});
afterAll(async () => {
  await api.close();
  await core.cleanup();
});

let unique = 0;
/** The seed with its own CallID, so that each test waits for its own call. */
function callWith(): { callId: string; body: string } {
  const callId = `${(++unique).toString(16).padStart(4, '0')}${Date.now().toString(16)}`.padEnd(32, 'a');
  return { callId, body: seed.replace('6dbf57adc3ecf4f4bfd5efe85ccad659', callId) };
}

async function call(op: string, input: unknown, base = api.url) {
  const res = await send(`${base}api/${op}`, {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  return {
    status: res.status,
    json: JSON.parse(res.body) as { result?: any; error?: string; issues?: Array<{ path: string; message: string }> },
  };
}

/** Resolves once `n` waiters listen: a waiter listens only after it has taken its baseline. */
async function untilListening(n: number): Promise<void> {
  while (listening !== n) await new Promise((r) => setTimeout(r, 10));
}

describe('waitForDelivery over HTTP', () => {
  it('answers with the first matching delivery that arrives after the call, as getDelivery would', async () => {
    const { callId, body } = callWith();
    const earlier = await send(core.receiver.url, { body }); // before the call: not an answer
    const waiting = call('waitForDelivery', { match: `CallID:${callId} Status:FINISHED`, timeoutMs: 60_000 });
    await untilListening(1);
    await send(core.receiver.url, { body: callWith().body }); // another call: no match
    const later = await send(`${core.receiver.url}hooks/qa/`, { body });
    const { status, json } = await waiting;
    expect(status).toBe(200);
    const id = Number(later.headers['x-callback-inspector-delivery']);
    expect(id).toBeGreaterThan(Number(earlier.headers['x-callback-inspector-delivery']));
    expect(json.result).toEqual((await call('getDelivery', { id })).json.result);
    expect(json.result).toMatchObject({ id, endpoint: 'qa', kind: 'call-end', calls: [{ callId, status: 'finished' }] });
    expect(listening).toBe(0);
  });

  it('with `after`, a delivery already stored counts; a filter works as well as a search', async () => {
    const { callId, body } = callWith();
    const before = await call('listDeliveries', { limit: 1 });
    const sent = await send(core.receiver.url, { body });
    const { json } = await call('waitForDelivery', { filter: { callId }, after: before.json.result.items[0]?.id ?? 0, timeoutMs: 60_000 });
    expect(json.result.id).toBe(Number(sent.headers['x-callback-inspector-delivery']));
  });

  it('times out with {timedOut, after}: the baseline to wait from again', async () => {
    const last = (await call('listDeliveries', { limit: 1 })).json.result.items[0].id;
    const { status, json } = await call('waitForDelivery', { match: 'CallID:never-sent', timeoutMs: 200 });
    expect(status).toBe(200);
    expect(json.result).toEqual({ timedOut: true, after: last });
    expect(listening).toBe(0);
  });

  it('refuses a search with an impossible value, a missing timeout and one past 10 minutes', async () => {
    const bad = await call('waitForDelivery', { match: 'kind:xml', timeoutMs: 10 });
    expect(bad.status).toBe(400);
    expect(bad.json.issues?.[0]).toMatchObject({ path: 'match' });
    expect((await call('waitForDelivery', { match: 'CallID:x' })).status).toBe(400);
    expect((await call('waitForDelivery', { timeoutMs: 600_001 })).status).toBe(400);
    expect((await call('waitForDelivery', { match: 'CallID:x', filter: {}, timeoutMs: 10 })).status).toBe(400);
  });

  it('frees the waiter when the client disconnects', async () => {
    const req = request(`${api.url}api/waitForDelivery`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    req.on('error', () => {});
    req.end(JSON.stringify({ match: 'CallID:never-sent', timeoutMs: 600_000 }));
    await untilListening(1);
    req.destroy();
    await untilListening(0);
  });

  it('ends a pending long poll when the API closes, so shutdown does not wait for its timeout', async () => {
    const second = await startHttpApi({ service: core.service, events: core.events, token, port: 0 });
    const waiting = call('waitForDelivery', { match: 'CallID:never-sent', timeoutMs: 600_000 }, second.url);
    await untilListening(1);
    await second.close();
    expect((await waiting).status).toBe(503);
    expect(listening).toBe(0);
  });
});

describe('GET /api/wait (SSE)', () => {
  function open(query: string): { req: ClientRequest; deliveries: (n: number) => Promise<any[]> } {
    const req = request(`${api.url}api/wait?token=${token}&${query}`);
    let buffer = '';
    const waiters: Array<() => void> = [];
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        waiters.splice(0).forEach((w) => w());
      });
    });
    req.on('error', () => {});
    req.end();
    const parsed = () =>
      buffer
        .split('\n\n')
        .filter((e) => e.startsWith('event: delivery\n'))
        .map((e) => JSON.parse(e.split('\n')[1]!.slice('data: '.length)));
    return {
      req,
      deliveries: async (n) => {
        while (parsed().length < n) await new Promise<void>((r) => waiters.push(r));
        return parsed();
      },
    };
  }

  it('streams every matching delivery in arrival order, and only those', async () => {
    const { callId, body } = callWith();
    const stream = open(`match=${encodeURIComponent(`CallID:${callId}`)}`);
    await untilListening(1);
    const a = await send(core.receiver.url, { body });
    await send(core.receiver.url, { body: callWith().body });
    const b = await send(`${core.receiver.url}hooks/other/`, { body });
    const got = await stream.deliveries(2);
    expect(got.map((d) => d.id)).toEqual([a, b].map((r) => Number(r.headers['x-callback-inspector-delivery'])));
    expect(got[1]).toMatchObject({ endpoint: 'other', calls: [{ callId }] });
    stream.req.destroy();
    await untilListening(0);
  });

  it('answers 400 to a bad search before streaming, and 401 without the token', async () => {
    expect((await send(`${api.url}api/wait?token=${token}&match=sign:maybe`, { method: 'GET' })).status).toBe(400);
    expect((await send(`${api.url}api/wait?match=x`, { method: 'GET' })).status).toBe(401);
  });
});
