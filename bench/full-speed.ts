// Distinct deliveries at full speed, the load both receiver benchmarks use: autocannon (Node, in a
// worker thread) and wrk (C, Debian's /usr/bin/wrk, when present). autocannon is slower than the bare
// server it loads, which caps both sides and so flatters the receiver's ratio; wrk is not.
import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

export const seed = readFileSync(new URL('../test/fixtures/seed-example.json', import.meta.url));
export const SEED_CALL_ID = '6dbf57adc3ecf4f4bfd5efe85ccad659';

export interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Distinct deliveries at full speed for `seconds`, or until `amount` are answered when given. */
export async function fullSpeed(url: string, seconds: number, amount?: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // Each request a distinct delivery (its own CallID), as the vendor sends them; with one constant
    // body every request would be a vendor retry of the first.
    body: seed.toString('utf8').replace(SEED_CALL_ID, '[<id>]'),
    idReplacement: true,
    connections: 20,
    duration: seconds,
    ...(amount === undefined ? {} : { amount }),
    // The load runs in a worker thread: on the event loop it would steal the server's thread and
    // flatter whichever server does less work per request.
    workers: 1,
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const WRK = '/usr/bin/wrk';
export const hasWrk = existsSync(WRK);

/** The same load from wrk: 2 threads, 32 connections, a distinct CallID per request (bench/distinct-callids.lua). */
export async function wrkFullSpeed(url: string, seconds: number): Promise<LoadResult> {
  const script = new URL('./distinct-callids.lua', import.meta.url).pathname;
  const body = new URL('../test/fixtures/seed-example.json', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(WRK, [
    '-t2',
    '-c32',
    `-d${seconds}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    url,
    '--',
    body,
    SEED_CALL_ID,
  ]);
  const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  const r = JSON.parse(line) as { requests: number; seconds: number; p50: number; p99: number; errors: number };
  return { rps: r.requests / r.seconds, total: r.requests, p50: r.p50, p99: r.p99, errors: r.errors };
}
