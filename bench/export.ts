// Exports of a whole store of BENCH_EXPORT_ROWS deliveries (default 20,000; bench/fill-store.ts), as
// the body reader builds them: NDJSON page by page (what `export` asks for), HAR pages, fixture pages,
// and NDJSON in one go. Every delivery row is read and decoded once or more per export, so this is the
// store's read path at its busiest. Medians of BENCH_EXPORT_RUNS (default 5) runs, after one warm-up,
// in wall time and in this process's CPU time (which other processes on a shared machine disturb less).
// To compare two versions, run it on each in the same hour, alternating, and take the ratio of the medians.
import { openStore } from '../main/core/store/index.js';
import { exportNdjson } from '../main/core/transfer/export-ndjson.js';
import { fixturePage, harPage, ndjsonPage } from '../main/core/transfer/export-pages.js';
import { filledStore } from './fill-store.js';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 20_000);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 5);
/** The CLI's page size (shared/export-paging.ts). */
const PAGE = 1000;

const filled = filledStore(ROWS);
const store = openStore(filled.file);

/** Bytes written, so that each run is checked to have exported the whole store. */
function ndjsonPages(): number {
  let bytes = 0;
  let after: number | undefined;
  for (;;) {
    const page = ndjsonPage(store, { filter: {}, ...(after !== undefined ? { after } : {}), limit: PAGE });
    bytes += page.ndjson.length;
    if (!page.more || page.lastId === null) return bytes;
    after = page.lastId;
  }
}

function harPages(): number {
  let entries = 0;
  let after: number | undefined;
  for (;;) {
    const page = harPage(store, { filter: {}, ...(after !== undefined ? { after } : {}), limit: PAGE }, 'http://127.0.0.1:8080/');
    entries += page.entries.length;
    if (!page.more || page.lastId === null) return entries;
    after = page.lastId;
  }
}

function fixturePages(): number {
  let files = 0;
  let index = 0;
  let startedAt: number | undefined;
  let after: { id: number; receivedAt: number } | undefined;
  for (;;) {
    const page = fixturePage(store, {
      filter: {},
      ...(after && { after }),
      limit: PAGE,
      index,
      width: 5,
      ...(startedAt !== undefined && { startedAt }),
    });
    files += page.files.length;
    index += page.scenario.length;
    startedAt = page.startedAt ?? undefined;
    if (!page.next) return files;
    after = page.next;
  }
}

function ndjsonWhole(): number {
  let bytes = 0;
  for (const line of exportNdjson(store)) bytes += line.length;
  return bytes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const exports: Array<[string, () => number]> = [
  ['NDJSON, pages of 1,000', ndjsonPages],
  ['HAR, pages of 1,000', harPages],
  ['fixtures, pages of 1,000', fixturePages],
  ['NDJSON, in one go', ndjsonWhole],
];
const samples = new Map<string, Array<{ ms: number; cpuMs: number }>>(exports.map(([name]) => [name, []]));
const sizes = new Map<string, number>();
// Alternating the exports within each run spreads the machine's noise over all of them alike.
for (let run = 0; run <= RUNS; run++) {
  for (const [name, f] of exports) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const size = f();
    const used = process.cpuUsage(cpu);
    const ms = performance.now() - t;
    if (sizes.has(name) && sizes.get(name) !== size) throw new Error(`${name}: ${size} this run, ${sizes.get(name)} before`);
    sizes.set(name, size);
    if (run > 0) samples.get(name)!.push({ ms, cpuMs: (used.user + used.system) / 1000 });
  }
}
store.close();
console.log(`store: ${ROWS.toLocaleString('en')} deliveries (BENCH_EXPORT_ROWS), ${RUNS} runs after a warm-up`);
console.table(
  exports.map(([name]) => {
    const ms = samples.get(name)!.map((s) => s.ms);
    const cpuMs = samples.get(name)!.map((s) => s.cpuMs);
    return {
      export: name,
      'median ms': +median(ms).toFixed(0),
      'min ms': +Math.min(...ms).toFixed(0),
      'max ms': +Math.max(...ms).toFixed(0),
      'median CPU ms': +median(cpuMs).toFixed(0),
      'CPU µs a delivery': +((median(cpuMs) * 1000) / ROWS).toFixed(1),
    };
  }),
);
