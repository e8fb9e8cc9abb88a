// A flood of deliveries must not grow the store's write-ahead log without bound (7.3 GB in 90 s had
// been measured): past its limit the checkpointer truncates it. WAL_FLOOD_SECONDS sets the flood's
// length (default 3; RECEIVER_LIMITS_LONG=1 makes it 30).
import { statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/app.js';
import { startTestCore } from '../integration/support/core.js';
import { send } from '../integration/support/http.js';

const seconds = Number(process.env.WAL_FLOOD_SECONDS ?? (process.env.RECEIVER_LIMITS_LONG ? 30 : 3));
const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const SEED_CALL_ID = '6dbf57adc3ecf4f4bfd5efe85ccad659';
const MiB = 1024 * 1024;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A vendor delivery after the flood: answered 200 within 1 s, then found by its CallID. */
async function normalDeliveryGetsThrough(c: Awaited<ReturnType<typeof startTestCore>>): Promise<void> {
  const callId = `after${Date.now()}`.padStart(32, '0');
  const started = performance.now();
  const res = await send(c.receiver.url, {
    headers: { 'content-type': 'application/json' },
    body: seed.replace(SEED_CALL_ID, callId),
    timeoutMs: 5_000,
  });
  expect(res.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(1_000);
  expect((await c.api.listDeliveries({ filter: { callId } })).items).toHaveLength(1);
}

/** Distinct deliveries from `connections` keep-alive connections for `ms`; resolves with how many got 200. */
async function flood(url: string, ms: number, connections: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const end = Date.now() + ms;
  let n = 0;
  let acknowledged = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const body = seed.replace(SEED_CALL_ID, (n++).toString(16).padStart(32, '0'));
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        if (res.statusCode === 200) acknowledged++;
        res.resume().on('end', () => resolve());
      });
      req.on('error', () => resolve());
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) await one();
    }),
  );
  agent.destroy();
  return acknowledged;
}

describe('the WAL limit', () => {
  it(
    `keeps the WAL near its limit through a ${seconds} s flood and back under it after`,
    async () => {
      const walLimit = 2 * MiB;
      const c = await startTestCore({ walLimit });
      cleanup = c.cleanup;
      const wal = `${c.dataDir}/${DATABASE_FILE}-wal`;
      const walSize = () => {
        try {
          return statSync(wal).size;
        } catch {
          return 0;
        }
      };
      let peak = 0;
      const watch = setInterval(() => (peak = Math.max(peak, walSize())), 10);
      const acknowledged = await flood(c.receiver.url, seconds * 1000, 16);
      // Reads wait for derivation, which writes to the WAL too.
      await c.api.listDeliveries({ limit: 1 });
      const settle = Date.now() + 5_000;
      while (walSize() > walLimit && Date.now() < settle) await new Promise((r) => setTimeout(r, 20));
      clearInterval(watch);

      expect(acknowledged).toBeGreaterThan(100);
      expect(walSize()).toBeLessThanOrEqual(walLimit);
      // Between two looks (100 ms) a flood adds a few MiB here; without the limit it only ever grows
      // (690 MB in 5 s on the development VM).
      expect(peak).toBeLessThan(walLimit + 32 * MiB);
      await normalDeliveryGetsThrough(c);

      // And the store opens again after it.
      await c.close();
      const again = await startTestCore({ dataDir: c.dataDir });
      cleanup = async () => {
        await again.close();
        await c.cleanup();
      };
      await normalDeliveryGetsThrough(again);
    },
    60_000 + seconds * 2_000,
  );
});
