// Receiver throughput: the seed example POSTed at full speed to the real core (ack after commit)
// versus a bare node:http server answering `200 {}`, both in this process, this run, loaded by
// autocannon and by wrk (when /usr/bin/wrk is there); the same with tee forwarding on (to another bare
// server); ack latency at a fixed rate; how fast the deriver catches up after a burst. Printed as
// ratios so that the figures mean the same on any machine.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../main/core/app.js';
import { endpointConfig } from '../shared/api.js';
import { ingest } from '../main/core/ingest/ingest.js';
import { fullSpeed, hasWrk, seed, SEED_CALL_ID, wrkFullSpeed, type LoadResult } from './full-speed.js';
import { report } from './targets.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
/**
 * Rounds of the two target figures (wrk throughput, paced latency), each side alternating with the
 * bare server: one run's ratio moved from 0.11× to 0.38× between runs on the shared VM.
 */
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);
const median = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)]!;

/**
 * Latency at a fixed rate, by bench/paced-client.mjs in its own process: autocannon's paced mode sends
 * in bursts (its own p99 against a bare server was ~47 ms at 1,000 req/s here), which would hide ours.
 */
interface Paced {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function paced(url: string, rate: number): Promise<Paced> {
  const client = new URL('./paced-client.mjs', import.meta.url).pathname;
  const body = new URL('../test/fixtures/seed-example.json', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [client, url, String(rate), String(seconds), body, SEED_CALL_ID]);
  const r = JSON.parse(stdout) as { n: number; errors: number; p50: number; p99: number };
  return { rps: rate, p50: r.p50, p99: r.p99, errors: r.errors };
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

/** Waits until the deriver has caught up; returns deliveries derived per second while waiting. */
async function drained(core: Core): Promise<{ perSecond: number; backlog: number }> {
  const pendingCount = core.store.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM deliveries WHERE kind = 'pending'`);
  const backlog = pendingCount.get()!.n;
  const t = performance.now();
  while (pendingCount.get()!.n > 0) await new Promise((r) => setTimeout(r, 20));
  return { perSecond: backlog / ((performance.now() - t) / 1000), backlog };
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ci-bench-'));
  dirs.push(d);
  return d;
};
try {
  const baseline = await bare();
  const baseResult = await fullSpeed(baseline.url, seconds);

  const core = await startCore({ dataDir: tempDir(), receiverPort: 0 });
  const coreResult = await fullSpeed(core.receiver.url, seconds);
  const derive = await drained(core);
  const pacedRuns = { bare: [] as Paced[], serve: [] as Paced[] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 === 0 ? (['bare', 'serve'] as const) : (['serve', 'bare'] as const)) {
      pacedRuns[side].push(await paced(side === 'bare' ? baseline.url : core.receiver.url, 1000));
      await drained(core);
    }
  }
  const stored = core.store.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM deliveries').get()!.n;
  await core.close();

  // wrk on a fresh store, alternating with the bare server; derived in full between runs.
  const wrkRuns = { bare: [] as LoadResult[], serve: [] as LoadResult[] };
  if (hasWrk) {
    const wrkCore = await startCore({ dataDir: tempDir(), receiverPort: 0 });
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? (['bare', 'serve'] as const) : (['serve', 'bare'] as const)) {
        wrkRuns[side].push(await wrkFullSpeed(side === 'bare' ? baseline.url : wrkCore.receiver.url, seconds));
        await drained(wrkCore);
      }
    }
    await wrkCore.close();
  }
  const basePaced = median(pacedRuns.bare, (r) => r.p99);
  const corePaced = median(pacedRuns.serve, (r) => r.p99);
  const baseWrk = hasWrk ? median(wrkRuns.bare, (r) => r.rps) : null;
  const coreWrk = hasWrk ? median(wrkRuns.serve, (r) => r.rps) : null;

  // Tee forwarding on, to a bare server: same receiver, same load, a fresh store.
  const teeCore = await startCore({ dataDir: tempDir(), receiverPort: 0 });
  await teeCore.service.putEndpoint(endpointConfig.parse({ name: 'default', forward: { url: baseline.url, mode: 'tee' } }));
  const teeResult = await fullSpeed(teeCore.receiver.url, seconds);
  await drained(teeCore);
  const forwarded = teeCore.store.forwards.counts('default');
  await teeCore.close();
  await baseline.close();

  const rows = [
    {
      case: 'bare node:http 200 {}',
      'req/s': Math.round(baseResult.rps),
      'p50 ms': baseResult.p50,
      'p99 ms': baseResult.p99,
      errors: baseResult.errors,
    },
    {
      case: 'serve (store raw + commit)',
      'req/s': Math.round(coreResult.rps),
      'p50 ms': coreResult.p50,
      'p99 ms': coreResult.p99,
      errors: coreResult.errors,
    },
    {
      case: 'serve, tee forwarding on',
      'req/s': Math.round(teeResult.rps),
      'p50 ms': teeResult.p50,
      'p99 ms': teeResult.p99,
      errors: teeResult.errors,
    },
    ...(baseWrk && coreWrk
      ? [
          {
            case: 'wrk: bare node:http 200 {} (median)',
            'req/s': Math.round(baseWrk.rps),
            'p50 ms': baseWrk.p50,
            'p99 ms': baseWrk.p99,
            errors: baseWrk.errors,
          },
          {
            case: 'wrk: serve (store raw + commit) (median)',
            'req/s': Math.round(coreWrk.rps),
            'p50 ms': coreWrk.p50,
            'p99 ms': coreWrk.p99,
            errors: coreWrk.errors,
          },
        ]
      : []),
    {
      case: 'bare, at a fixed 1,000 req/s (median p99)',
      'req/s': basePaced.rps,
      'p50 ms': basePaced.p50,
      'p99 ms': basePaced.p99,
      errors: basePaced.errors,
    },
    {
      case: 'serve, at a fixed 1,000 req/s (median p99)',
      'req/s': corePaced.rps,
      'p50 ms': corePaced.p50,
      'p99 ms': corePaced.p99,
      errors: corePaced.errors,
    },
  ];
  console.table(rows);
  const autocannonRatio = `autocannon (20 connections, in a worker thread; it is slower than the bare server, which flatters the receiver): ${(coreResult.rps / baseResult.rps).toFixed(2)}× (${Math.round(coreResult.rps)} vs ${Math.round(baseResult.rps)} req/s)`;
  console.log(`ingest ratio, ${autocannonRatio}; ${stored} deliveries stored`);
  if (baseWrk && coreWrk) {
    const ratio = coreWrk.rps / baseWrk.rps;
    const list = (runs: LoadResult[]) => runs.map((r) => Math.round(r.rps)).join(', ');
    const errors = [...wrkRuns.bare, ...wrkRuns.serve].reduce((sum, r) => sum + r.errors, 0);
    report(
      'wrk',
      `${ratio.toFixed(2)}× (medians of ${ROUNDS} alternating: ${Math.round(coreWrk.rps)} vs ${Math.round(baseWrk.rps)} req/s; serve ${list(wrkRuns.serve)}, bare ${list(wrkRuns.bare)}; ${errors} errors); ${autocannonRatio}`,
      ratio >= 0.5,
    );
  } else {
    report('wrk', `not measured: no /usr/bin/wrk (apt-get install wrk); ${autocannonRatio}`, null);
  }
  const p99Ratio = corePaced.p99 / basePaced.p99;
  const p99s = (runs: Paced[]) => runs.map((r) => r.p99).join(', ');
  report(
    'ackP99',
    `p99 ${corePaced.p99} ms, ${p99Ratio.toFixed(1)}× the bare server's ${basePaced.p99} ms (medians of ${ROUNDS} alternating ${seconds} s runs: serve ${p99s(pacedRuns.serve)}, bare ${p99s(pacedRuns.bare)} ms; p50 ${corePaced.p50} vs ${basePaced.p50} ms)`,
    p99Ratio <= 2,
  );
  console.log(
    `tee forwarding on vs off: ${(teeResult.rps / coreResult.rps).toFixed(2)}× (${forwarded.delivered} forwarded, ${forwarded.failed} failed)`,
  );
  console.log(
    `deriving after the burst: ${derive.backlog} pending, ${Math.round(derive.perSecond)} derived/s (${(derive.perSecond / coreResult.rps).toFixed(2)}× the acknowledged rate)`,
  );
  bigBodyIngest();
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

/** A 32 MB call-end body: ingest (decode, lossless parse, contract check, index rows) vs JSON.parse. */
function bigBodyIngest(): void {
  const parsed = JSON.parse(seed.toString('utf8'));
  const one = JSON.stringify(parsed.Details[0]).length + 1;
  parsed.Details = Array.from({ length: Math.ceil(32e6 / one) }, (_, i) => ({
    ...parsed.Details[0],
    CallID: i.toString(16).padStart(32, '0'),
  }));
  const body = Buffer.from(JSON.stringify(parsed));
  const time = (f: () => unknown) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  const baseline = time(() => JSON.parse(body.toString('utf8')));
  const ours = time(() => ingest({ body, truncated: false, headers: [['content-type', 'application/json']], endpoint: null }));
  console.log(
    `32 MB call-end ingest: ${Math.round(ours)} ms, ${(ours / baseline).toFixed(1)}× JSON.parse of the same body (${Math.round(baseline)} ms)`,
  );
}
