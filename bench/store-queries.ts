// Queries on a large store (bench/fill-store.ts: BENCH_ROWS deliveries, default 100,000; the targets
// are at 1,000,000): CallID look-up, a filtered inbox page, full-text search, a callee's chain, a full
// count of the deliveries (what an inbox total must not run per change), the inbox's pages by position,
// and the file size against the raw bytes.
import { statSync } from 'node:fs';
import { openStore } from '../main/core/store/index.js';
import { buildChain } from '../main/core/service/chain.js';
import { BENCH_ROWS, calleeOf, filledStore, hex, STATUSES } from './fill-store.js';

const ROWS = BENCH_ROWS;

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
  return {
    query: name,
    'first (cold) ms': +first!.toFixed(2),
    'p50 ms': +percentile(warm, 0.5).toFixed(2),
    'p99 ms': +percentile(warm, 0.99).toFixed(2),
  };
}

const filled = filledStore(ROWS);
const store = openStore(filled.file);
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
  timeIt("a callee's chain", 100, (i) => {
    const callee = calleeOf(pick(i), ROWS);
    const { calls, redials } = store.calls.ofCallee(callee);
    return buildChain({ calls, redials, receivedAt: store.calls.deliveryReceivedAt, redialOffsetMinutes: 0 });
  }),
  timeIt('full count of the deliveries', 10, () => store.db.prepare('SELECT COUNT(*) AS n FROM deliveries').get()),
];
// The inbox by position (store/inbox-position.ts): a page of 100 at a quarter, half, three quarters and
// the end of what a filter matches, as the inbox asks for it (with the count's total), and a step of 2%
// from a row held, as when the scrollbar is dragged a little further.
const positions: Array<{ query: string; [at: string]: number | string }> = [];
for (const [name, filter, runs] of [
  ['every delivery', {}, 20],
  ['a call status (1 in 5)', { status: 'failed' }, 3],
  ['an endpoint (every row)', { endpoint: 'default' }, 3],
  ['full text, a word in every row', { text: 'pengiriman' }, 3],
] as const) {
  const { total, newestId } = store.inbox.count(filter);
  const at = (position: number, near?: Array<{ position: number; id: number }>) =>
    store.inbox.at({
      filter,
      upTo: newestId,
      position: Math.max(0, Math.min(position, total - 100)),
      limit: 100,
      total,
      ...(near && { near }),
    });
  const row: { query: string; [at: string]: number | string } = { query: `${name} (${total.toLocaleString('en')})` };
  for (const fraction of [0.25, 0.5, 0.75, 1])
    row[`${fraction * 100}% p50 ms`] = timeIt('', runs, () => at(Math.floor(total * fraction)))['p50 ms'];
  const held = at(Math.floor(total / 2))[0]!;
  row['2% on from a row held, p50 ms'] = timeIt('', runs, () =>
    at(Math.floor(total * 0.52), [{ position: Math.floor(total / 2), id: held.id }]),
  )['p50 ms'];
  positions.push(row);
}
if (process.env.BENCH_SIZES) {
  console.table(store.db.prepare(`SELECT name, SUM(pgsize) / 1e6 AS mb FROM dbstat GROUP BY name ORDER BY mb DESC LIMIT 15`).all());
}
store.close();
const dbBytes = statSync(filled.file).size;
console.log(
  `store: ${ROWS.toLocaleString('en')} deliveries (BENCH_ROWS), ${filled.fillSeconds === null ? 'filled earlier in this run' : `filled in ${filled.fillSeconds.toFixed(0)} s`}`,
);
console.table(results);
console.log('the inbox by position: a page of 100 at each point of what the filter matches (warm p50)');
console.table(positions);
console.log(
  `database ${(dbBytes / 1e6).toFixed(0)} MB for ${(filled.rawBytes / 1e6).toFixed(0)} MB of raw bodies: ${(dbBytes / filled.rawBytes).toFixed(2)}× (target ≤ 2×)`,
);
