// Distinct deliveries at full speed, the load both receiver benchmarks use.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export const seed = readFileSync(new URL('../test/fixtures/seed-example.json', import.meta.url));
export const SEED_CALL_ID = '6dbf57adc3ecf4f4bfd5efe85ccad659';

export async function fullSpeed(url: string, seconds: number): Promise<{ rps: number; total: number; p50: number; p99: number; errors: number }> {
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
    // The load runs in a worker thread: on the event loop it would steal the server's thread and
    // flatter whichever server does less work per request.
    workers: 1,
  });
  return { rps: result.requests.average, total: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}
