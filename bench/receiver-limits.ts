// The receiver's budgets (docs/SECURITY.md), measured: peak RSS of `serve` while 40 clients send
// 30 MB bodies at once (budget off and on), how long a small delivery waits meanwhile, the WAL's size
// through a full-speed flood, the full-speed throughput with the budgets off and on in this run, and
// serve's peak RSS through a body that inflates into 21M entries (the deriver's budgets).
// BENCH_SECONDS sets each throughput run (default 5), BENCH_ROUNDS how many of each (default 4),
// BENCH_WAL_SECONDS the flood (default 60).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DATABASE_FILE, startCore, type CoreOptions } from '../main/core/app.js';
import { fullSpeed, seed, SEED_CALL_ID } from './full-speed.js';
import { api, childPids, peakRss, serve } from './serve-process.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const walSeconds = Number(process.env.BENCH_WAL_SECONDS ?? 60);
/** Throughput runs of each side, alternating; the VM's run-to-run spread is ±25%. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const MB = 1024 * 1024;
const BUDGETS_OFF: Partial<CoreOptions> = { inflightBudget: 0, maxConnections: 0, walLimit: 0 };

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ci-bench-limits-'));
  dirs.push(d);
  return d;
};

/**
 * CPU time of this process's main thread (the receiver's), in ms: less sensitive than req/s to other
 * work on the machine, which takes cores from the load and the server alike.
 */
function mainThreadCpuMs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function throughput(options: Partial<CoreOptions>): Promise<{ rps: number; cpuUsPerRequest: number }> {
  const core = await startCore({ dataDir: tempDir(), receiverPort: 0, ...options });
  try {
    const cpu = mainThreadCpuMs();
    const { rps, total } = await fullSpeed(core.receiver.url, seconds);
    return { rps, cpuUsPerRequest: ((mainThreadCpuMs() - cpu) * 1000) / total };
  } finally {
    await core.close();
  }
}

/** The WAL's size sampled every 50 ms through a full-speed flood of `walSeconds`. */
async function walFlood(): Promise<{ peak: number; end: number; rps: number }> {
  const core = await startCore({ dataDir: tempDir(), receiverPort: 0 });
  const wal = join(core.dataDir, `${DATABASE_FILE}-wal`);
  const size = () => {
    try {
      return statSync(wal).size;
    } catch {
      return 0;
    }
  };
  let peak = 0;
  const watch = setInterval(() => (peak = Math.max(peak, size())), 50);
  try {
    const { rps } = await fullSpeed(core.receiver.url, walSeconds);
    return { peak, end: size(), rps };
  } finally {
    clearInterval(watch);
    await core.close();
  }
}

/**
 * The 61 KB gzip whose Details holds 21M empty objects (63 MB inflated): serve's peak RSS
 * from its arrival until it is derived, against an idle serve's after one normal delivery; and the
 * peak of its child processes (the deriver's), where the body is derived.
 */
async function inflatingBody(): Promise<{ idle: number; peak: number; children: number; deriveMs: number; status: number }> {
  const text = Buffer.from(`{"TaskID":"bomb","Sign":"x","Details":[${'{},'.repeat(21_000_000 - 1)}{}]}`);
  const body = gzipSync(text, { level: 9 });
  const s = await serve(tempDir());
  try {
    await post(s.url, seed, null);
    await api(s.ui, 'waitForDelivery', { match: `CallID:${SEED_CALL_ID}`, after: 0, timeoutMs: 30_000 });
    const idle = peakRss(s.pid);
    const t = performance.now();
    const status = await new Promise<number>((resolve) => {
      const req = request(s.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }, (res) =>
        res.resume().on('end', () => resolve(res.statusCode ?? 0)),
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
    const derived = await api<{ kind?: string }>(s.ui, 'waitForDelivery', { match: 'TaskID:bomb', after: 0, timeoutMs: 120_000 });
    if (derived.kind === undefined) throw new Error('the 21M-entry body was not derived within 120 s');
    const children = childPids(s.pid).reduce((sum, pid) => sum + peakRss(pid), 0);
    return { idle, peak: peakRss(s.pid), children, deriveMs: performance.now() - t, status };
  } finally {
    await s.stop();
  }
}

function post(url: string, head: Buffer, body: Buffer | null): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': head.length + (body?.length ?? 0) } },
      (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.write(head);
    req.end(body ?? undefined);
  });
}

/**
 * A small delivery every 100 ms from a process of its own (this one is busy writing 1.2 GB); prints
 * the slowest answer, in ms, when told to stop.
 */
const PROBE = `
const { request } = require('node:http');
const [url, body] = process.argv.slice(1);
let slowest = 0, stop = false;
process.stdin.once('data', () => (stop = true));
(async () => {
  while (!stop) {
    const t = performance.now();
    await new Promise((done) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => res.resume().on('end', done));
      req.on('error', done);
      req.end(body);
    });
    slowest = Math.max(slowest, performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write(String(Math.round(slowest)));
  process.exit(0);
})();
`;

/** 40 clients send a 30 MB body at once, while the probe measures how long a small delivery waits. */
async function bigBodies(
  extra: string[],
): Promise<{ rss: number; ok: number; busy: number; other: number; probeMaxMs: number; seconds: number }> {
  const s = await serve(tempDir(), extra);
  const filler = Buffer.alloc(30_000_000, 0x20);
  const probe = spawn(process.execPath, ['-e', PROBE, s.url, seed.toString('utf8')], { stdio: ['pipe', 'pipe', 'inherit'] });
  let probed = '';
  probe.stdout.on('data', (d: Buffer) => (probed += d.toString()));
  const probeExited = new Promise<void>((resolve) => probe.once('exit', () => resolve()));
  const t = performance.now();
  // Distinct bodies (a JSON string of spaces after a numbered key), sharing the filler's memory.
  const statuses = await Promise.all(
    Array.from({ length: 40 }, (_, i) => post(s.url, Buffer.from(`{"n":${i},"pad":"`), Buffer.concat([filler, Buffer.from('"}')]))),
  );
  const elapsed = (performance.now() - t) / 1000;
  probe.stdin.end('stop');
  await probeExited;
  const probeMaxMs = Number(probed);
  const rss = peakRss(s.pid);
  await s.stop();
  return {
    rss,
    ok: statuses.filter((x) => x === 200).length,
    busy: statuses.filter((x) => x === 503).length,
    other: statuses.filter((x) => x !== 200 && x !== 503).length,
    probeMaxMs,
    seconds: elapsed,
  };
}

try {
  const off = await bigBodies(['--max-inflight', '0']);
  const on = await bigBodies([]);
  const mib = (n: number) => `${Math.round(n / MB)} MiB`;
  console.table([
    {
      case: '40 × 30 MB, no in-flight budget',
      'peak RSS': mib(off.rss),
      '200': off.ok,
      '503': off.busy,
      other: off.other,
      'small delivery, slowest answer ms': Math.round(off.probeMaxMs),
      s: off.seconds.toFixed(1),
    },
    {
      case: '40 × 30 MB, budget 256 MiB (default)',
      'peak RSS': mib(on.rss),
      '200': on.ok,
      '503': on.busy,
      other: on.other,
      'small delivery, slowest answer ms': Math.round(on.probeMaxMs),
      s: on.seconds.toFixed(1),
    },
  ]);
  console.log(`peak RSS with 40 concurrent 30 MB bodies: ${mib(on.rss)} (target ≤ 1 GB); without the budget: ${mib(off.rss)}`);

  const runs = { off: [] as Array<{ rps: number; cpuUsPerRequest: number }>, on: [] as Array<{ rps: number; cpuUsPerRequest: number }> };
  for (let round = 0; round < rounds; round++) {
    // Alternating which goes first, so that the machine's drift lands on both sides.
    const order = round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const);
    for (const side of order) runs[side].push(await throughput(side === 'off' ? BUDGETS_OFF : {}));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rps = (side: 'on' | 'off') => mean(runs[side].map((r) => r.rps));
  const cpu = (side: 'on' | 'off') => mean(runs[side].map((r) => r.cpuUsPerRequest));
  const list = (side: 'on' | 'off') => runs[side].map((r) => `${Math.round(r.rps)} (${Math.round(r.cpuUsPerRequest)} µs)`).join(', ');
  console.log(
    `throughput with the budgets on vs off: ${(rps('on') / rps('off')).toFixed(3)}× (target ≥ 0.95×); receiver thread's CPU a request, on vs off: ${(cpu('on') / cpu('off')).toFixed(3)}×`,
  );
  console.log(`  req/s (receiver thread µs a request), alternating runs: on ${list('on')}; off ${list('off')}`);

  const bomb = await inflatingBody();
  console.log(
    `peak RSS through the 21M-entry body (61 KB gzip, 63 MB inflated): serve ${mib(bomb.peak)} + its deriver's process ${mib(bomb.children)} = ${mib(bomb.peak + bomb.children)} (target ≤ 1 GB); an idle serve: ${mib(bomb.idle)}; answered ${bomb.status}, derived after ${(bomb.deriveMs / 1000).toFixed(1)} s`,
  );

  const flood = await walFlood();
  console.log(
    `WAL through a ${walSeconds} s full-speed flood: peak ${mib(flood.peak)}, at the end ${mib(flood.end)} (target ≤ 256 MB; ${Math.round(flood.rps)} req/s)`,
  );
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
