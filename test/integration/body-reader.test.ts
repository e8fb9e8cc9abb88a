// The body reader's own promises, with small limits over a real store: a job past its heap or its
// time is refused with the limit it hit, the next job gets a fresh process and works, at most a few
// jobs wait, a caller that leaves drops its waiting job, and stopping refuses what still waits.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBodyReader, type BodyReader } from '../../main/core/bodies/body-reader.js';
import { BodyRefusal } from '../../main/core/bodies/refusal.js';
import { ApiInputError } from '../../shared/api.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
let core: Awaited<ReturnType<typeof startTestCore>>;
const ids = { seed: 0, edited: 0, small: 0, big: 0, longA: 0, longB: 0 };
const readers: BodyReader[] = [];

async function deliver(body: Buffer | string, headers: Record<string, string> = {}): Promise<number> {
  const res = await send(core.receiver.url, { headers: { 'content-type': 'application/json', ...headers }, body });
  return Number(res.headers['x-callback-inspector-delivery']);
}

beforeAll(async () => {
  core = await startTestCore();
  ids.seed = await deliver(seed);
  ids.edited = await deliver(seed.replace('"Status": "finished"', '"Status": "failed"'));
  // 3M numbers: ~350 MB of heap to parse both sides, a few seconds of work.
  ids.small = await deliver(gzipSync(`[${'0,'.repeat(3_000_000)}0]`), { 'content-encoding': 'gzip' });
  ids.big = await deliver(gzipSync(`[1,${'0,'.repeat(3_000_000)}0]`), { 'content-encoding': 'gzip' });
  // One 20 MB string each, in elements that do not line up: copies of it are allocated whole.
  ids.longA = await deliver(gzipSync(`[{"a":"${'x'.repeat(20_000_000)}"},1]`), { 'content-encoding': 'gzip' });
  ids.longB = await deliver(gzipSync(`[1,{"a":"${'y'.repeat(20_000_000)}"}]`), { 'content-encoding': 'gzip' });
});
afterAll(async () => {
  await Promise.all(readers.map((r) => r.stop()));
  await core?.cleanup();
});

function reader(limits: { heapMb?: number; timeoutMs?: number; maxWaiting?: number }): BodyReader {
  const r = startBodyReader({ file: core.store.db.name, ...limits });
  readers.push(r);
  return r;
}

const how = { op: 'diffBodies', tooLarge: 'these bodies are too large to compare' };
const normal = () => ({
  type: 'diff' as const,
  a: { source: 'delivery' as const, id: ids.seed },
  b: { source: 'delivery' as const, id: ids.edited },
});
const heavy = () => ({
  type: 'diff' as const,
  a: { source: 'delivery' as const, id: ids.small },
  b: { source: 'delivery' as const, id: ids.big },
});

describe('the body reader', () => {
  it('refuses a job that needs more than its heap, then reads the next one in a fresh process', async () => {
    const r = reader({ heapMb: 64 });
    const refused = await r.read(heavy(), how).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BodyRefusal);
    expect((refused as Error).message).toBe(
      'these bodies are too large to compare: this needs more than the 64 MB of memory the body reader may use',
    );
    expect((await r.read(normal(), how)).summary).toBe('1 difference: 1 changed');
  }, 60_000);

  it('refuses a job whose large allocations pass its heap (in a worker thread they had aborted the whole process)', async () => {
    const r = reader({ heapMb: 128 });
    const long = {
      type: 'diff' as const,
      a: { source: 'delivery' as const, id: ids.longA },
      b: { source: 'delivery' as const, id: ids.longB },
    };
    for (let i = 0; i < 3; i++) {
      await expect(r.read(long, how)).rejects.toThrow(
        'these bodies are too large to compare: this needs more than the 128 MB of memory the body reader may use',
      );
    }
    expect((await r.read(normal(), how)).equal).toBe(false);
  }, 60_000);

  it('refuses a job that runs past its time, then reads the next one', async () => {
    const r = reader({ timeoutMs: 300 });
    expect((await r.read(normal(), how)).equal).toBe(false);
    const refused = await r.read(heavy(), how).catch((e: unknown) => e);
    expect((refused as Error).message).toBe(
      'these bodies are too large to compare: this took longer than 0.3 s, the time the body reader gives one request',
    );
    expect((await r.read(normal(), how)).equal).toBe(false);
  }, 60_000);

  it('passes on input errors as they are (a side that does not exist), and the process goes on', async () => {
    const r = reader({});
    const missing = await r
      .read({ type: 'diff', a: { source: 'delivery', id: 424242 }, b: { source: 'example' } }, how)
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiInputError);
    expect((missing as ApiInputError).issues).toEqual([
      { path: 'a', message: 'there is no delivery #424242 (it may have been removed by retention)' },
    ]);
    expect(await r.read({ type: 'raw', id: 424242 }, how)).toBeNull();
    expect((await r.read({ type: 'call', deliveryId: ids.seed, index: 0 }, how))!.json).toContain(
      '"CallID": "6dbf57adc3ecf4f4bfd5efe85ccad659"',
    );
  }, 60_000);

  it('lets a few jobs wait and refuses more as busy; a caller that leaves drops its waiting job', async () => {
    const r = reader({ maxWaiting: 2 });
    const first = r.read(heavy(), how);
    const leaving = new AbortController();
    const second = r.read(normal(), { ...how, signal: leaving.signal });
    const third = r.read(normal(), how);
    await expect(r.read(normal(), how)).rejects.toThrow('the body reader is busy: 2 requests are waiting for it; try again in a moment');
    leaving.abort(new Error('the client left'));
    await expect(second).rejects.toThrow('the client left');
    expect((await first).mode).toBe('json');
    expect((await third).equal).toBe(false);
  }, 60_000);

  it('reads the next job after its process was killed from outside', async () => {
    const r = reader({});
    expect((await r.read(normal(), how)).equal).toBe(false);
    const pid = r.pid()!;
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => r.pid()).not.toBe(pid);
    expect((await r.read(normal(), how)).equal).toBe(false);
    expect(r.pid()).not.toBe(pid);
  }, 60_000);

  it('refuses what still waits when stopped', async () => {
    const r = reader({});
    const running = r.read(heavy(), how).catch((e: unknown) => e);
    const waiting = r.read(normal(), how).catch((e: unknown) => e);
    const pid = r.pid();
    await r.stop();
    expect(pid).not.toBeNull();
    expect(() => process.kill(pid!, 0)).toThrow();
    expect(String(await waiting)).toMatch(/stopped/);
    expect(String(await running)).toMatch(/stopped/);
    await expect(r.read(normal(), how)).rejects.toThrow(/stopped/);
  }, 60_000);
});
