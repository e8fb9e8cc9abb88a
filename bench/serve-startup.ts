// `serve` start-up against the size of its store: the built CLI spawned on an empty store, on 50,000
// deliveries and on BENCH_ROWS (bench/fill-store.ts; the target is at 1,000,000), alternating, several
// rounds each. Timed from the spawn to both URLs printed, and to the inbox's first page answered
// (what a user waits for before the UI shows anything).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_ROWS, copyInto, filledStore } from './fill-store.js';
import { api, serve } from './serve-process.js';
import { report } from './targets.js';

/** Starts of each store, alternating: one start's time moves by ±50% on the shared 2-core VM. */
const ROUNDS = Number(process.env.BENCH_STARTS ?? 9);
const sizes = [...new Set([0, 50_000, BENCH_ROWS])].sort((a, b) => a - b);

async function start(dataDir: string): Promise<{ urls: number; firstPage: number }> {
  const t = performance.now();
  const s = await serve(dataDir);
  const urls = performance.now() - t;
  await api(s.ui, 'listDeliveries', { limit: 200 });
  const firstPage = performance.now() - t;
  await s.stop();
  return { urls, firstPage };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const root = mkdtempSync(join(tmpdir(), 'ci-bench-startup-'));
try {
  const dirs = sizes.map((rows) => {
    const dir = join(root, String(rows));
    if (rows > 0) copyInto(filledStore(rows), dir);
    return { rows, dir, runs: [] as Array<{ urls: number; firstPage: number }> };
  });
  // One start of each first, unmeasured: the first spawn of a run also warms Node's and the OS's caches.
  for (const d of dirs) await start(d.dir);
  for (let round = 0; round < ROUNDS; round++) {
    for (const d of round % 2 === 0 ? dirs : [...dirs].reverse()) d.runs.push(await start(d.dir));
  }
  const empty = dirs[0]!;
  const ratio = (d: (typeof dirs)[number], f: 'urls' | 'firstPage') =>
    median(d.runs.map((r) => r[f])) / median(empty.runs.map((r) => r[f]));
  console.table(
    dirs.map((d) => ({
      store: `${d.rows.toLocaleString('en')} deliveries`,
      'URLs printed, median ms': Math.round(median(d.runs.map((r) => r.urls))),
      'vs empty': +ratio(d, 'urls').toFixed(2),
      'first inbox page, median ms': Math.round(median(d.runs.map((r) => r.firstPage))),
      'vs empty ': +ratio(d, 'firstPage').toFixed(2),
      'fastest (URLs) ms': Math.round(Math.min(...d.runs.map((r) => r.urls))),
    })),
  );
  for (const d of dirs.slice(1)) {
    const urls = ratio(d, 'urls');
    const page = ratio(d, 'firstPage');
    const at = d === dirs.at(-1) && d.rows < 1_000_000 ? ` (the target is at 1,000,000: BENCH_ROWS=1000000)` : '';
    report(
      'startup',
      `${d.rows.toLocaleString('en')} deliveries: ${urls.toFixed(2)}× the empty store's start to the URLs (${Math.round(median(d.runs.map((r) => r.urls)))} vs ${Math.round(median(empty.runs.map((r) => r.urls)))} ms), ${page.toFixed(2)}× to the first inbox page, median of ${ROUNDS} (fastest: ${Math.round(Math.min(...d.runs.map((r) => r.urls)))} vs ${Math.round(Math.min(...empty.runs.map((r) => r.urls)))} ms)${at}`,
      urls <= 1.2 && page <= 1.2,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
