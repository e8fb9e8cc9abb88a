// `serve`'s memory as its store grows: the built CLI in its own process receives BENCH_DELIVERIES
// (default 100,000) distinct deliveries at full speed in ten steps; after each step, once everything
// is derived, its resident memory (VmRSS) and its child processes' (the deriver's, the body reader's)
// are read from /proc, and what serve's own process.memoryUsage() says it is made of (V8's heap,
// buffers and other memory outside the heap, the rest: native, SQLite's page cache among it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullSpeed, seed, SEED_CALL_ID } from './full-speed.js';
import { api, childPids, peakRss, rss, serve } from './serve-process.js';
import { report } from './targets.js';

const TOTAL = Number(process.env.BENCH_DELIVERIES ?? 100_000);
const STEPS = 10;
const MB = 1e6;

const dir = mkdtempSync(join(tmpdir(), 'ci-bench-memory-'));
const s = await serve(dir, [], true);
try {
  const samples: Array<{ deliveries: number; serve: number; children: number; seconds: number; usage: NodeJS.MemoryUsage }> = [];
  const t = performance.now();
  for (let step = 1; step <= STEPS; step++) {
    const want = Math.round((TOTAL * step) / STEPS) - Math.round((TOTAL * (step - 1)) / STEPS);
    await fullSpeed(s.url, 600, want);
    // A marker after the step: the deriver works in arrival order, so once it is derived the step is.
    const marker = `${step.toString(16).padStart(8, '0')}${'f'.repeat(24)}`;
    await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: seed.toString('utf8').replace(SEED_CALL_ID, marker),
    });
    const derived = await api<{ kind?: string }>(s.ui, 'waitForDelivery', { match: `CallID:${marker}`, after: 0, timeoutMs: 600_000 });
    if (derived.kind === undefined) throw new Error(`step ${step} was not derived within 10 minutes`);
    samples.push({
      deliveries: Math.round((TOTAL * step) / STEPS) + step,
      serve: rss(s.pid),
      children: childPids(s.pid).reduce((sum, pid) => sum + rss(pid), 0),
      seconds: (performance.now() - t) / 1000,
      usage: await s.memoryUsage(),
    });
  }
  const peak = peakRss(s.pid);
  console.table(
    samples.map((x) => ({
      deliveries: x.deliveries.toLocaleString('en'),
      'serve RSS MB': Math.round(x.serve / MB),
      'V8 heap MB': Math.round(x.usage.heapTotal / MB),
      'of it used MB': Math.round(x.usage.heapUsed / MB),
      'external MB': Math.round(x.usage.external / MB),
      'native MB': Math.round((x.usage.rss - x.usage.heapTotal - x.usage.external) / MB),
      'its children MB': Math.round(x.children / MB),
      'after s': Math.round(x.seconds),
    })),
  );
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const growth = last.serve / first.serve;
  report(
    'rss',
    `${Math.round(last.serve / MB)} MB after ${last.deliveries.toLocaleString('en')} (${Math.round(first.serve / MB)} MB after ${first.deliveries.toLocaleString('en')}: ${growth.toFixed(2)}× over the last ${STEPS - 1} steps; peak ${Math.round(peak / MB)} MB; its deriver and body reader ${Math.round(last.children / MB)} MB more)`,
    last.serve <= 150 * MB && growth <= 1.1,
  );
} finally {
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
}
