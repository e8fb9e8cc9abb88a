// diffBodies over the real HTTP API: each side a stored delivery, the body a re-send attempt sent,
// the contract's example or text; a side that does not exist is a 400 naming it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApi, type HttpApi } from '../../main/hosts/http/http-api.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';
import { startTarget, type Target } from './support/target.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
/** The seed with a planted change, an addition and a Details id beyond 2^53. */
const edited = seed
  .replace('"Status": "finished"', '"Status": "failed"')
  .replace('"id": 15744007', '"id": 98765432109876543210')
  .replace('"PlanName": "Plan_001",', '"PlanName": "Plan_001", "Extra": true,');
const token = 'diff-token';
let core: Awaited<ReturnType<typeof startTestCore>>;
let api: HttpApi;
let target: Target;

beforeAll(async () => {
  core = await startTestCore();
  api = await startHttpApi({ service: core.service, events: core.events, token, port: 0 });
  target = await startTarget();
});
afterAll(async () => {
  await api.close();
  await core.cleanup();
  await target.close();
});

async function call(op: string, input: unknown) {
  const res = await send(`${api.url}api/${op}`, {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  return {
    status: res.status,
    json: JSON.parse(res.body) as { result?: any; error?: string; issues?: Array<{ path: string; message: string }> },
  };
}

async function deliver(body: string): Promise<number> {
  const res = await send(core.receiver.url, { headers: { 'content-type': 'application/json' }, body });
  return Number(res.headers['x-callback-inspector-delivery']);
}

const kinds = (r: any) => r.differences.map((d: any) => [d.kind, d.path, d.a ?? null, d.b ?? null]);

describe('diffBodies over HTTP', () => {
  it('compares two stored deliveries path by path, big integers exact', async () => {
    const a = await deliver(seed);
    const b = await deliver(edited);
    const { status, json } = await call('diffBodies', { a: { source: 'delivery', id: a }, b: { source: 'delivery', id: b } });
    expect(status).toBe(200);
    expect(json.result).toMatchObject({
      mode: 'json',
      equal: false,
      a: { label: `delivery #${a}`, format: 'json' },
      b: { label: `delivery #${b}` },
    });
    expect(kinds(json.result)).toEqual([
      ['changed', 'Details[0].id', '15744007', '98765432109876543210'],
      ['changed', 'Details[0].Status', '"finished"', '"failed"'],
      ['added', 'Extra', null, 'true'],
    ]);
    expect(json.result.counts).toEqual({ changed: 2, 'type-changed': 0, added: 1, removed: 0, moved: 0, total: 3 });
    expect(json.result.summary).toBe('3 differences: 2 changed, 1 added');
  });

  it('takes a side as bytes (a file the CLI read, above the 8 MiB an ordinary request may be), decoded as a body without headers', async () => {
    const id = await deliver(edited);
    const big = Buffer.from(JSON.stringify({ pad: 'x'.repeat(9 * 1024 * 1024) }));
    const same = await call('diffBodies', {
      a: { source: 'delivery', id },
      b: { source: 'bytes', base64: Buffer.from(edited).toString('base64'), label: 'file edited.json' },
    });
    expect(same.json.result).toMatchObject({ equal: true, sameBytes: true, b: { label: 'file edited.json', format: 'json' } });
    const latin1 = await call('diffBodies', {
      a: { source: 'bytes', base64: big.toString('base64') },
      b: { source: 'bytes', base64: Buffer.from([0xff, 0xfe, 0x41]).toString('base64') },
    });
    expect(latin1.status).toBe(200);
    expect(latin1.json.result).toMatchObject({ equal: false, a: { label: 'bytes' } });
  });

  it('finds a delivery of the example identical to the contract example', async () => {
    const id = await deliver(seed);
    const { json } = await call('diffBodies', { a: { source: 'delivery', id }, b: { source: 'example' } });
    expect(json.result).toMatchObject({ equal: true, sameBytes: true, summary: 'identical', b: { label: "the contract's example" } });
  });

  it('compares the body a re-send attempt sent with the original delivery', async () => {
    const id = await deliver(seed);
    const job = await call('resend', { deliveryId: id, to: target.url('/ok'), body: { text: edited } });
    expect(job.status).toBe(200);
    await core.resend.runner.wait(job.json.result.id);
    const [attempt] = (await call('listSends', { deliveryId: id })).json.result;
    const { json } = await call('diffBodies', { a: { source: 'delivery', id }, b: { source: 'send', id: attempt.id } });
    expect(json.result.b.label).toMatch(new RegExp(`^body sent by attempt #${attempt.id} \\(job ${job.json.result.id}, try 1, to http`));
    expect(json.result.counts.total).toBe(3);
  });

  it('compares two calls (Details entries) of stored deliveries', async () => {
    const two = JSON.stringify({
      ...JSON.parse(seed),
      Details: [JSON.parse(seed).Details[0], { ...JSON.parse(seed).Details[0], CallID: 'later', RingType: 'busy' }],
    });
    const id = await deliver(two);
    const { json } = await call('diffBodies', {
      a: { source: 'call', deliveryId: id, index: 0 },
      b: { source: 'call', deliveryId: id, index: 1 },
    });
    expect(json.result).toMatchObject({ a: { label: `call 0 of delivery #${id}` }, b: { label: `call 1 of delivery #${id}` } });
    expect(kinds(json.result)).toEqual([
      ['changed', 'CallID', '"6dbf57adc3ecf4f4bfd5efe85ccad659"', '"later"'],
      ['changed', 'RingType', '"normal"', '"busy"'],
    ]);
    const none = await call('diffBodies', { a: { source: 'call', deliveryId: id, index: 2 }, b: { source: 'example' } });
    expect(none.json.issues).toEqual([{ path: 'a', message: `delivery #${id} has no call 2 (Details[2])` }]);
  });

  it('takes literal text, and says where it stops being comparable when it is not JSON', async () => {
    const { json } = await call('diffBodies', {
      a: { source: 'example' },
      b: { source: 'text', text: 'Status=finished', label: 'pasted' },
    });
    expect(json.result).toMatchObject({
      mode: 'text',
      equal: false,
      differences: [],
      b: { label: 'pasted', format: 'text' },
      firstDifference: { line: 1, column: 1 },
    });
    expect(json.result.summary).toMatch(/^B is not JSON/);
  });

  it('answers 400 naming the side when a delivery or attempt does not exist, or the input is malformed', async () => {
    const missing = await call('diffBodies', { a: { source: 'example' }, b: { source: 'delivery', id: 424242 } });
    expect(missing.status).toBe(400);
    expect(missing.json.issues).toEqual([{ path: 'b', message: 'there is no delivery #424242 (it may have been removed by retention)' }]);
    const noSend = await call('diffBodies', { a: { source: 'send', id: 424242 }, b: { source: 'example' } });
    expect(noSend.json.issues).toEqual([{ path: 'a', message: 'there is no re-send attempt #424242' }]);
    expect((await call('diffBodies', { a: { source: 'file', path: '/etc/passwd' }, b: { source: 'example' } })).status).toBe(400);
    expect((await call('diffBodies', { a: { source: 'example' } })).status).toBe(400);
  });
});
