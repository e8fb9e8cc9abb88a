// Queries on a large store (default 1,000,000 deliveries; BENCH_ROWS to change): CallID look-up, a
// filtered inbox page, full-text search, the inbox's exact total, a callee's chain, and the file size
// against the raw bytes.
// The store is filled straight through the store's own write path in big transactions (not over
// HTTP), from the seed example varied per row, so the rows and indexes are what the receiver writes.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../main/core/ingest/ingest.js';
import type { IngestResult } from '../main/core/ingest/types.js';
import { openStore } from '../main/core/store/index.js';
import { buildChain } from '../main/core/service/chain.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CALLEES = Math.max(1, Math.floor(ROWS / 10));
const seedText = readFileSync(new URL('../test/fixtures/seed-example.json', import.meta.url), 'utf8');
const template = ingest({ body: Buffer.from(seedText), truncated: false, headers: [['content-type', 'application/json']], endpoint: null });
const STATUSES = ['finished', 'failed', 'cancelled', 'pending', 'created'];
const INTENTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', '--'];
const hex = (n: number) => n.toString(16).padStart(32, '0');

function row(i: number) {
  const callId = hex(i);
  const callee = `+62${String(10_000_000 + (i % CALLEES))}`;
  const task = `Task-${i % 1000}`;
  const status = STATUSES[i % STATUSES.length]!;
  const intention = INTENTIONS[i % INTENTIONS.length]!;
  const body = Buffer.from(
    seedText
      .replace('"Task-001"', JSON.stringify(task))
      .replaceAll('+6212345678', callee)
      .replace('6dbf57adc3ecf4f4bfd5efe85ccad659', callId)
      .replace('"finished"', JSON.stringify(status))
      .replace('"Intention": "E"', `"Intention": ${JSON.stringify(intention)}`),
  );
  const call = { ...template.calls[0]!, callId, calleeNumber: callee, status, intention, redials: template.calls[0]!.redials.map((r) => ({ ...r, callId: hex(i + 0x10000000), calleeNumber: callee })) };
  const derived: IngestResult = { ...template, taskName: task, calls: [call], searchText: `${task} ${callee} ${callId} ${template.searchText}` };
  return { body, derived };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
/** The first run is reported apart: it reads the index pages from disk (a cold cache), the rest do not. */
function timeIt(name: string, runs: number, f: (i: number) => unknown) {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    f(i);
    samples.push(performance.now() - t);
  }
  const [first, ...warm] = samples;
  return { query: name, 'first (cold) ms': +first!.toFixed(2), 'p50 ms': +percentile(warm, 0.5).toFixed(2), 'p99 ms': +percentile(warm, 0.99).toFixed(2) };
}

const dir = mkdtempSync(join(tmpdir(), 'ci-bench-store-'));
try {
  const file = join(dir, 'store.db');
  const store = openStore(file);
  const started = Date.now();
  let rawBytes = 0;
  const start = Date.UTC(2024, 0, 1);
  const fill = store.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const { body, derived } = row(i);
      rawBytes += body.length;
      const captured = { receivedAt: start + i * 1000, endpoint: 'default', method: 'POST', path: '/', query: '', headers: [['content-type', 'application/json']] as Array<[string, string]>, remoteAddress: '127.0.0.1', body, truncated: false };
      store.deliveries.restore({ captured, ingest: derived }, { status: 200, delayMs: 0, hung: false, reason: 'default' }, null, 1);
    }
  });
  for (let i = 0; i < ROWS; i += 10_000) fill(i, Math.min(ROWS, i + 10_000));
  store.checkpoint();
  const fillSeconds = (Date.now() - started) / 1000;

  const pick = (i: number) => (i * 7919) % ROWS;
  const results = [
    timeIt('CallID look-up', 200, (i) => store.list({ callId: hex(pick(i)) }, 50)),
    timeIt('inbox page: status + kind, 100 rows', 100, (i) => store.list({ status: STATUSES[i % 5], kind: 'call-end' }, 100)),
    timeIt('50 consecutive inbox pages of 100 via cursor', 50, () => {
      let page = store.list({}, 100);
      for (let k = 0; k < 50 && page.nextCursor; k++) page = store.list({}, 100, page.nextCursor);
    }),
    timeIt('full-text: task name', 50, (i) => store.list({ text: `Task-${pick(i) % 1000}` }, 100)),
    timeIt('full-text: transcript word', 50, () => store.list({ text: 'pengiriman' }, 100)),
    // The inbox's exact total (countDeliveries), counted once per filter change.
    timeIt('count: every delivery', 20, () => store.count({})),
    timeIt('count: status (1 in 5)', 20, (i) => store.count({ status: STATUSES[i % 5] })),
    timeIt('count: kind + sign (every row)', 20, () => store.count({ kind: 'call-end', sign: 'verified' })),
    timeIt('count: full-text transcript word (every row)', 20, () => store.count({ text: 'pengiriman' })),
    timeIt('count: callee', 20, (i) => store.count({ callee: `+62${String(10_000_000 + (pick(i) % CALLEES))}` })),
    timeIt("a callee's chain", 100, (i) => {
      const callee = `+62${String(10_000_000 + (pick(i) % CALLEES))}`;
      const { calls, redials } = store.calls.ofCallee(callee);
      return buildChain({ calls, redials, receivedAt: store.calls.deliveryReceivedAt, redialOffsetMinutes: 0 });
    }),
  ];
  if (process.env.BENCH_SIZES) {
    console.table(store.db.prepare(`SELECT name, SUM(pgsize) / 1e6 AS mb FROM dbstat GROUP BY name ORDER BY mb DESC LIMIT 15`).all());
  }
  store.close();
  const dbBytes = statSync(file).size;
  console.log(`store: ${ROWS} deliveries filled in ${fillSeconds.toFixed(0)} s`);
  console.table(results);
  console.log(`database ${(dbBytes / 1e6).toFixed(0)} MB for ${(rawBytes / 1e6).toFixed(0)} MB of raw bodies: ${(dbBytes / rawBytes).toFixed(2)}× (target ≤ 2×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
