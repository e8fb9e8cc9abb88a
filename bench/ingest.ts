// Receiver throughput: the seed example POSTed at full speed to the real core (ack after commit)
// versus a bare node:http server answering `200 {}`, both in this process, this run. Printed as a
// ratio so that the figure means the same on any machine.
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../main/core/app.js';

const seed = readFileSync(new URL('../test/fixtures/seed-example.json', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

async function load(url: string): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: seed,
    connections: 20,
    duration: seconds,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function bare(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

const dir = mkdtempSync(join(tmpdir(), 'ci-bench-'));
try {
  const baseline = await bare();
  const baseResult = await load(baseline.url);
  await baseline.close();

  const core = await startCore({ dataDir: dir, receiverPort: 0 });
  const coreResult = await load(core.receiver.url);
  const stored = (core.store.db.prepare('SELECT COUNT(*) AS n FROM deliveries').get() as { n: number }).n;
  await core.close();

  const rows = [
    { case: 'bare node:http 200 {}', 'req/s': Math.round(baseResult.rps), 'p50 ms': baseResult.p50, 'p99 ms': baseResult.p99, errors: baseResult.errors },
    { case: 'serve (ingest + commit)', 'req/s': Math.round(coreResult.rps), 'p50 ms': coreResult.p50, 'p99 ms': coreResult.p99, errors: coreResult.errors },
  ];
  console.table(rows);
  console.log(`ingest ratio: ${(coreResult.rps / baseResult.rps).toFixed(2)}× the bare server (target ≥ 0.8×); ${stored} deliveries stored`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
