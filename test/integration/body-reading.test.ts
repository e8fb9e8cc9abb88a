// Every read of a stored body through the API (Compare, the call view, the body view) runs in the body
// reader's process under its heap and time limits: a body that inflates to tens of megabytes is
// compared, opened or refused with a sentence that says why, and meanwhile the receiver answers a
// normal delivery within a second. HOSTILE_LONG=1 adds the issue's 21M-entry body and a 30 MB plain pair.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpApi, type HttpApi } from '../../main/hosts/http/http-api.js';
import { rawBodyText } from '../../shared/raw-body-text.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const long = process.env.HOSTILE_LONG === '1';
const token = 'body-reading-token';
let core: Awaited<ReturnType<typeof startTestCore>>;
let api: HttpApi;

beforeAll(async () => {
  core = await startTestCore();
  api = await startHttpApi({ service: core.service, events: core.events, token, port: 0 });
});
afterAll(async () => {
  await api?.close();
  await core?.cleanup();
});

/** The issue's shape: a 60 KB gzip of `[0,0,…]` that inflates to 62 MB (31M numbers), under the 64 MiB decoding cap. */
const zeros = (first = '0') => gzipSync(Buffer.from(`[${first}${',0'.repeat(31_000_000 - 1)}]`), { level: 9 });

async function deliver(body: Buffer | string, headers: Record<string, string> = {}): Promise<number> {
  const res = await send(core.receiver.url, { headers: { 'content-type': 'application/json', ...headers }, body });
  expect(res.status).toBe(200);
  return Number(res.headers['x-callback-inspector-delivery']);
}
const gzipped = (body: Buffer) => deliver(body, { 'content-encoding': 'gzip' });

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

/**
 * Runs `work` while a normal delivery is posted every 100 ms; returns its outcome, the slowest of
 * those answers, and the last probe's id (searchable once `work` is done).
 */
async function whileReceiving<T>(
  work: () => Promise<T>,
): Promise<{ outcome: T; slowestMs: number; lastProbe: { id: number; taskId: string }; probes: number }> {
  let slowestMs = 0;
  let lastProbe = { id: 0, taskId: '' };
  let probes = 0;
  let done = false;
  const run = Math.random().toString(36).slice(2);
  const probing = (async () => {
    for (let n = 0; !done; n++) {
      const started = performance.now();
      const taskId = `probe-${run}-${n}`;
      lastProbe = { id: await deliver(seed.replace('502380771007633e8d8b859ebf76970a', taskId)), taskId };
      slowestMs = Math.max(slowestMs, performance.now() - started);
      probes++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    return { outcome: await work(), slowestMs, lastProbe, probes };
  } finally {
    done = true;
    await probing;
  }
}

describe('Compare on hostile bodies', () => {
  it('compares the 60 KB gzip of 31M zeros with itself (parsed once, up to the parser value limit) while the receiver keeps answering', async () => {
    const bomb = zeros();
    expect(bomb.length).toBeLessThan(100_000);
    const id = await gzipped(bomb);
    const run = await whileReceiving(() => call('diffBodies', { a: { source: 'delivery', id }, b: { source: 'delivery', id } }));
    expect(run.outcome.status).toBe(200);
    expect(run.outcome.json.result).toMatchObject({ mode: 'json', equal: true, sameBytes: true, differences: [] });
    expect(run.outcome.json.result.a.notes.join(' ')).toMatch(/more than [\d,]+ JSON values/);
    expect(run.probes).toBeGreaterThan(0);
    expect(run.slowestMs).toBeLessThan(1_000);
  }, 120_000);

  it('compares two such bodies that differ in their first number, one pass over the equal rest', async () => {
    const a = await gzipped(zeros());
    const b = await gzipped(zeros('1'));
    const run = await whileReceiving(() => call('diffBodies', { a: { source: 'delivery', id: a }, b: { source: 'delivery', id: b } }));
    expect(run.outcome.status).toBe(200);
    expect(run.outcome.json.result).toMatchObject({
      equal: false,
      summary: '1 difference: 1 changed',
      differences: [{ kind: 'changed', path: '$[0]', a: '0', b: '1' }],
    });
    expect(run.slowestMs).toBeLessThan(1_000);
  }, 120_000);

  it('refuses two bodies whose every element moved with a clear 400, answers deliveries meanwhile, and compares normal bodies next', async () => {
    // `[0,1,0,1,…]` against `[1,0,1,0,…]`: 2M values each, a million of them moved; 60 KB of gzip each.
    const alternating = (first: string, second: string) =>
      gzipSync(Buffer.from(`[${`${first},${second},`.repeat(15_500_000)}${first}]`), { level: 9 });
    const a = await gzipped(alternating('0', '1'));
    const b = await gzipped(alternating('1', '0'));
    const run = await whileReceiving(() => call('diffBodies', { a: { source: 'delivery', id: a }, b: { source: 'delivery', id: b } }));
    expect(run.outcome.status).toBe(400);
    expect(run.outcome.json.error).toMatch(
      /^these bodies are too large to compare: this needs more than the \d+ MB of memory the body reader may use$/,
    );
    expect(run.slowestMs).toBeLessThan(1_000);
    // The probe that arrived last is stored, derived and found by its TaskID.
    const found = () =>
      core.api.listDeliveries({ filter: { taskId: run.lastProbe.taskId }, limit: 5 }).then((p) => p.items.map((d) => d.id));
    await expect.poll(found, { timeout: 30_000, interval: 250 }).toEqual([run.lastProbe.id]);

    const x = await deliver(seed);
    const y = await deliver(seed.replace('"Status": "finished"', '"Status": "failed"'));
    const normal = await call('diffBodies', { a: { source: 'delivery', id: x }, b: { source: 'delivery', id: y } });
    expect(normal.status).toBe(200);
    expect(normal.json.result.summary).toBe('1 difference: 1 changed');
  }, 120_000);
});

describe.runIf(long)('the longer shapes', () => {
  it("compares the issue's 61 KB gzip of 21M `{}` in Details with itself and opens its body, while the receiver answers", async () => {
    const head = '{"TaskID":"bomb","Sign":"x","Details":[';
    const id = await gzipped(gzipSync(Buffer.from(`${head}${'{},'.repeat(21_000_000 - 1)}{}]}`), { level: 9 }));
    const run = await whileReceiving(
      async () =>
        [
          await call('diffBodies', { a: { source: 'delivery', id }, b: { source: 'delivery', id } }),
          await core.api.getRawBody({ id }),
        ] as const,
    );
    expect(run.outcome[0].json.result).toMatchObject({ equal: true });
    expect(run.outcome[1]!.decodedTextCut).toMatchObject({ shownChars: 32 * 1024 * 1024 });
    expect(run.slowestMs).toBeLessThan(1_000);
  }, 300_000);

  it('compares two realistic 30 MB plain bodies that differ in one call', async () => {
    const parsed = JSON.parse(seed) as { Details: Array<Record<string, unknown>> };
    const calls = Array.from({ length: 25_000 }, (_, i) => ({ ...parsed.Details[0], id: i, CallID: String(i).padStart(32, '0') }));
    const a = await deliver(JSON.stringify({ ...parsed, Details: calls }));
    const b = await deliver(JSON.stringify({ ...parsed, Details: calls.map((c, i) => (i === 12_345 ? { ...c, Status: 'failed' } : c)) }));
    const run = await whileReceiving(() => call('diffBodies', { a: { source: 'delivery', id: a }, b: { source: 'delivery', id: b } }));
    expect(run.outcome.json.result).toMatchObject({ summary: '1 difference: 1 changed', differences: [{ path: 'Details[12345].Status' }] });
    expect(run.slowestMs).toBeLessThan(1_000);
  }, 300_000);
});

describe('the body and call views on hostile bodies', () => {
  it('opens a body that inflates past what one answer carries with its text cut, and says so', async () => {
    const id = await gzipped(zeros());
    const run = await whileReceiving(() => core.api.getRawBody({ id }));
    const body = run.outcome!;
    expect(rawBodyText(body)!.length).toBe(32 * 1024 * 1024);
    expect(body.decodedTextCut).toEqual({ shownChars: 32 * 1024 * 1024, decodedBytes: 62_000_001 });
    expect(Buffer.from(body.bytes).equals(zeros())).toBe(true);
    expect(run.slowestMs).toBeLessThan(1_000);
  }, 60_000);

  it('reads one call out of a body that inflates to 63 MB of calls, on the reader, while the receiver answers', async () => {
    // The issue's 21M `{}` shape has no call to open; these calls carry a CallID each.
    const count = 700_000;
    const entry = (i: number) => `{"CallID":"${String(i).padStart(32, '0')}","CalleeNumber":"+62${i}","Status":"finished"}`;
    const text = `{"TaskID":"calls-bomb","Sign":"x","Details":[${Array.from({ length: count }, (_, i) => entry(i)).join(',')}]}`;
    const id = await gzipped(gzipSync(Buffer.from(text), { level: 9 }));
    // Its calls are indexed once derived (seconds for this one); the call view opens an indexed call.
    await expect.poll(() => core.store.deliveries.get(id)!.kind, { timeout: 60_000, interval: 200 }).not.toBe('pending');
    const run = await whileReceiving(() => core.api.getCall({ deliveryId: id, index: 1 }));
    expect(run.slowestMs).toBeLessThan(1_000);
    expect(run.outcome).toMatchObject({ deliveryId: id, index: 1, callId: '0'.repeat(31) + '1' });
    expect(JSON.parse(run.outcome!.json)).toEqual(JSON.parse(entry(1)));
  }, 120_000);

  it('refuses a call larger than a call view carries, naming its size', async () => {
    const transcript = 'x'.repeat(40 * 1024 * 1024);
    const text = seed.replace('"Status": "finished"', `"Status": "finished", "Huge": "${transcript}"`);
    const id = await gzipped(gzipSync(Buffer.from(text)));
    const res = await call('getCall', { deliveryId: id, index: 0 });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/^call 0 of delivery #\d+ is 40(\.\d)? MiB as JSON, more than the 32 MiB a call view carries/);
  }, 60_000);
});

describe('exports through the API', () => {
  it('builds a fixture folder of the 60 KB bomb (describing it parses it) in the reader while the receiver answers', async () => {
    const id = await gzipped(zeros());
    const run = await whileReceiving(() => call('exportFixtures', { ids: [id] }));
    expect(run.outcome.status).toBe(200);
    expect(run.outcome.json.result).toMatchObject({ fixtures: 1 });
    expect(run.slowestMs).toBeLessThan(1_000);
  }, 120_000);

  it('counts headers too: a selection of empty bodies with big headers is refused like one of big bodies', async () => {
    const pad = 'h'.repeat(60_000);
    const ids: number[] = [];
    for (let i = 0; i < 1_150; i++) ids.push(await deliver('', { 'x-pad': pad }));
    const res = await call('exportNdjson', { ids });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/^these 1150 deliveries make 6\d(\.\d)? MiB of bodies and headers, more than the 64 MiB/);
  }, 120_000);

  it('refuses a selection whose bodies are more than one answer carries, naming the CLI command, and exports a small one', async () => {
    const big = Buffer.from(JSON.stringify({ TaskID: 'big', Sign: 's', pad: 'x'.repeat(30_000_000) }));
    const ids = [await deliver(big), await deliver(big), await deliver(big)];
    for (const [op, command] of [
      ['exportNdjson', 'export'],
      ['exportHar', 'export-har'],
      ['exportFixtures', 'fixtures export'],
    ] as const) {
      const res = await call(op, { ids });
      expect(res.status, op).toBe(400);
      expect(res.json.error).toMatch(
        new RegExp(
          `^these 3 deliveries make 114\\.\\d MiB of bodies and headers, more than the 64 MiB one export through the app carries: export fewer \\(narrow the filter\\), or use \`callback-inspector ${command}\`, which writes a file of any size$`,
        ),
      );
    }
    const small = await deliver(seed);
    const ndjson = await call('exportNdjson', { ids: [small] });
    expect(JSON.parse(ndjson.json.result as string).id).toBe(small);
    const har = await call('exportHar', { ids: [small] });
    expect(har.json.result.log.entries).toHaveLength(1);
  }, 120_000);
});
