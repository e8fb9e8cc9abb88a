// Bulk re-send throughput: stored deliveries sent by the resend engine (every attempt recorded) to a
// loopback server, against a plain keep-alive client sending the same bodies with the same
// concurrency to the same server, in this process, this run.
import { createServer, request, Agent } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../main/core/ingest/ingest.js';
import { createResendEngine } from '../main/core/resend/engine.js';
import { EventBus } from '../main/core/events/event-bus.js';
import { openStore } from '../main/core/store/index.js';
import { parseInput } from '../shared/api.js';

const N = Number(process.env.BENCH_SENDS ?? 20_000);
const CONCURRENCY = 8; // bulkResend's default
const seed = readFileSync(new URL('../test/fixtures/seed-example.json', import.meta.url));
const headers: Array<[string, string]> = [['content-type', 'application/json']];

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

/** The baseline: N POSTs of the body, CONCURRENCY at a time, over keep-alive, nothing recorded. */
async function plainClient(): Promise<number> {
  const agent = new Agent({ keepAlive: true });
  let next = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': seed.length } },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(seed);
    });
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < N) await one();
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  agent.destroy();
  return N / seconds;
}

const dir = mkdtempSync(join(tmpdir(), 'ci-bench-resend-'));
try {
  const store = openStore(join(dir, 'store.db'));
  const derived = ingest({ body: seed, truncated: false, headers, endpoint: null });
  const ids: number[] = [];
  store.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const captured = {
        receivedAt: Date.now() + i,
        endpoint: 'default',
        method: 'POST',
        path: '/',
        query: '',
        headers,
        remoteAddress: '127.0.0.1',
        body: seed,
        truncated: false,
      };
      ids.push(
        store.deliveries.restore({ captured, ingest: derived }, { status: 200, delayMs: 0, hung: false, reason: 'default' }, null, 1).id,
      );
    }
  })();

  const baseline = await plainClient();
  // A failure to store attempts would make the figures wrong: end the bench with it.
  const fail = (error: unknown) => {
    throw error;
  };
  const engine = createResendEngine({ store, events: new EventBus(fail), onError: fail });
  const t = performance.now();
  const job = engine.bulk(parseInput('bulkResend', { ids, to: url, concurrency: CONCURRENCY }));
  const done = await engine.runner.wait(job.id);
  const ours = N / ((performance.now() - t) / 1000);
  const recorded = store.db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM sends WHERE job_id = ?').get(job.id)?.n;
  await engine.close();
  store.close();

  console.table([
    { case: `plain keep-alive client, ${CONCURRENCY} at a time`, 'sends/s': Math.round(baseline) },
    { case: `bulk re-send (${done?.succeeded} delivered, ${recorded} attempts recorded)`, 'sends/s': Math.round(ours) },
  ]);
  console.log(`bulk re-send: ${Math.round(ours)} sends/s, ${(ours / baseline).toFixed(2)}× a plain client (target ≥ 2,000 sends/s)`);
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
