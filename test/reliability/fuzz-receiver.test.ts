// Property-based: whatever bytes, JSON, near-contract JSON and headers arrive, no exception escapes,
// every body is stored byte-identical and the receiver keeps answering. FUZZ_RUNS sets the rounds.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../main/core/ingest/ingest.js';
import { problemsOf } from '../../main/core/store/index.js';
import { startTestCore } from '../integration/support/core.js';
import { send } from '../integration/support/http.js';

const runs = Number(process.env.FUZZ_RUNS ?? 60);
const seed = JSON.parse(readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8'));

/** The seed example with one field of the body or of its call dropped, retyped or replaced. */
const nearContract = fc
  .tuple(
    fc.constantFrom('top', 'call', 'redial'),
    fc.nat(),
    fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 2 }),
      fc.string(),
      fc.bigInt().map((n) => n * 10n ** 20n),
    ),
  )
  .map(([where, i, value]) => {
    const body = structuredClone(seed);
    const target = where === 'top' ? body : where === 'call' ? body.Details[0] : body.Details[0].RedailCall[0];
    const keys = Object.keys(target);
    const key = keys[i % keys.length]!;
    if (value === undefined) delete target[key];
    else target[key] = value;
    // BigInt has no JSON form: write its digits as a bare number, as a vendor with 64-bit ids would.
    return Buffer.from(JSON.stringify(body, (_k, v) => (typeof v === 'bigint' ? `__big${v}__` : v)).replace(/"__big(-?\d+)__"/g, '$1'));
  });

const body = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  nearContract,
);

const headerName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/)
  .filter((n) => !/^(content-length|transfer-encoding|host|connection|expect|upgrade|te|trailer)$/i.test(n));
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/).map((v) => v.trim());
const headers = fc.record({
  extra: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
  type: fc.constantFrom(
    undefined,
    'application/json',
    'text/plain; charset=latin1',
    'application/json; charset=utf-16',
    'x/unknown; charset=nope',
  ),
  encoding: fc.constantFrom(undefined, 'gzip', 'br', 'deflate', 'identity', 'bogus'),
});

let core: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(() => core.cleanup());

describe('fuzzing', () => {
  it('ingest returns a result for any near-contract body and any headers', () => {
    fc.assert(
      fc.property(body, headers, (b, h) => {
        const hs: Array<[string, string]> = Object.entries(h.extra);
        if (h.type) hs.push(['Content-Type', h.type]);
        if (h.encoding) hs.push(['Content-Encoding', h.encoding]);
        const r = ingest({ body: b, truncated: false, headers: hs, endpoint: null });
        expect(['call-end', 'json', 'not-json']).toContain(r.kind);
        expect(r.problems.every((p) => p.code !== 'internal-error')).toBe(true);
      }),
      { numRuns: runs * 5 },
    );
  });

  it('the receiver stores every body byte-identical and answers, whatever the headers', async () => {
    await fc.assert(
      fc.asyncProperty(body, headers, async (b, h) => {
        const hs: Record<string, string> = { ...h.extra };
        if (h.type) hs['Content-Type'] = h.type;
        if (h.encoding) hs['Content-Encoding'] = h.encoding;
        const res = await send(core.receiver.url, { headers: hs, body: b });
        expect(res.status).toBe(200);
        const id = Number(res.headers['x-callback-inspector-delivery']);
        expect(core.store.deliveries.body(id)?.equals(b)).toBe(true);
        expect(problemsOf(core.store.deliveries.get(id)!).map((p) => p.code)).not.toContain('internal-error');
      }),
      { numRuns: runs },
    );
    expect((await send(core.receiver.url, { body: '{}' })).status).toBe(200);
  });
});
