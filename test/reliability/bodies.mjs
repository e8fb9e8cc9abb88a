// Deterministic test bodies: body n is the same bytes in the client and in the test that checks it.
import { readFileSync } from 'node:fs';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');

/** The seed example with a unique TaskName and a size that varies from 2 KB to about 66 KB. */
export function bodyFor(n) {
  return Buffer.from(seed.replace('"Task-001"', JSON.stringify(`Task-${n}-${'x'.repeat((n * 7919) % 65536)}`)));
}
