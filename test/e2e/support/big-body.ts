// A large call-end body built from the seed example: one Details entry per call, the last id beyond
// 2^53 so that a lossy parse anywhere shows.
import { readFileSync } from 'node:fs';

const seed = JSON.parse(readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url), 'utf8'));

export function bigBody(bytes: number): string {
  const one = JSON.stringify(seed.Details[0]).length + 1;
  const count = Math.ceil(bytes / one);
  const details = Array.from({ length: count }, (_, i) => ({
    ...seed.Details[0],
    id: 15744007 + i,
    CallID: i.toString(16).padStart(32, '0'),
  }));
  return JSON.stringify({ ...seed, Details: details }).replace(`"id":${15744007 + count - 1}`, '"id":98765432109876543210');
}
