// Issue 18's table of targets. Each benchmark reports its rows here as it measures them (a line with
// the target beside the figure); the last step of `npm run bench` prints the whole table of the run,
// in the order (bench/target-table.ts).
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export const TARGETS = {
  open: {
    figure: '8 MB compact call-end: click → JSON body visible',
    target: '≤ 1.0 s, and ≤ 1.5× opening the 2 KB seed example in the same run',
  },
  textTab: { figure: '8 MB body, Text tab', target: 'no frame over 100 ms for any body up to the body limit' },
  typing: { figure: '8 MB body in the re-send editor', target: '≤ 50 ms per keystroke' },
  scrollbar: {
    figure: 'inbox of 100,000+: drag the scrollbar to the bottom',
    target: 'any position shows its rows within 200 ms, at 1,000,000 rows',
  },
  total: { figure: 'inbox total', target: 'the exact total, kept current without a full count per change' },
  startup: { figure: '`serve` start-up with a store of 50,000', target: '≤ 1.2× the empty-store start, at 1,000,000 rows' },
  wrk: { figure: 'receiver vs bare `node:http`, wrk (2 threads, 32 connections), distinct CallIDs', target: '≥ 0.5×' },
  ackP99: { figure: 'ack p99 at a fixed 1,000 req/s', target: "≤ 2× bare's p99 in the same run" },
  rss: { figure: '`serve` RSS after 100,000 deliveries', target: '≤ 150 MB, flat as the store grows' },
} as const;

export type TargetKey = keyof typeof TARGETS;

export interface Reported {
  key: TargetKey;
  measured: string;
  met: boolean | null;
}

/** Where this run's rows are kept, one JSON line each. */
export const REPORT = process.env.BENCH_REPORT ?? new URL('../artifacts/bench-targets.ndjson', import.meta.url).pathname;

export const verdict = (met: boolean | null) => (met === null ? 'not judged' : met ? 'met' : 'MISSED');

/** Prints one figure with its target, and keeps it for the run's table. `met` null: not judged (say why in `measured`). */
export function report(key: TargetKey, measured: string, met: boolean | null): void {
  const { figure, target } = TARGETS[key];
  console.log(`[target] ${figure}: ${measured} (target: ${target}) — ${verdict(met)}`);
  mkdirSync(dirname(REPORT), { recursive: true });
  appendFileSync(REPORT, `${JSON.stringify({ key, measured, met } satisfies Reported)}\n`);
}

/** This run's reported rows, in the order they came. */
export function reported(): Reported[] {
  return existsSync(REPORT)
    ? readFileSync(REPORT, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Reported)
    : [];
}

/** Starts a run's table. */
export function resetReport(): void {
  rmSync(REPORT, { force: true });
}
