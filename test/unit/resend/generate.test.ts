// The synthetic call-end generator: what QA sends to their own receiver must be valid against the
// contract, signed as the vendor signs, shaped as redial chains, and reproducible from its seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCallEnd } from '../../../shared/contract/contract-check.js';
import { isJsonObject, type JsonValue } from '../../../shared/contract/json-value.js';
import { generateCallbacks, type GenerateOptions } from '../../../main/core/generate/call-end.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import { verifySign } from '../../../main/core/sign/schemes.js';
import { ingest } from '../../../main/core/ingest/ingest.js';

const md5 = { type: 'md5-template' as const };
const all = (o: Partial<GenerateOptions> = {}) => [...generateCallbacks({ calls: 20, redials: 3, seed: 1, scheme: md5, ...o })];
const parse = (text: string): JsonValue => {
  const p = parseJson(text);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};
const detail = (body: string) => JSON.parse(body).Details[0];

describe('synthetic call-end notifications', () => {
  it('pass the contract check with zero errors, for any seed and chain length', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 25 }), (seed, redials, calls) => {
        const made = all({ seed, redials, calls });
        expect(made).toHaveLength(calls);
        for (const g of made) {
          const errors = checkCallEnd(parse(g.body)).filter((p) => p.severity === 'error');
          expect(errors).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('raise no warning and no error through ingest, only notes for what the vendor does too: zone-less RedailCall times', () => {
    const made = all({ calls: 200 });
    const found = made.map((g) => ingest({ body: Buffer.from(g.body), truncated: false, headers: g.headers, endpoint: null }).problems);
    expect(found.flat().filter((p) => p.severity !== 'note')).toEqual([]);
    expect(new Set(found.flat().map((p) => `${p.severity} ${p.code}`))).toEqual(new Set(['note ambiguous-timezone']));
    // A call's k - 1 redials carry one note each.
    expect(found.map((ps) => ps.length)).toEqual(made.map((g) => g.callTimes - 1));
  });

  it('are reproducible: the same seed gives the same bytes, another seed other bytes', () => {
    expect(all({ seed: 'qa-42' })).toEqual(all({ seed: 'qa-42' }));
    expect(all({ seed: 'qa-42' })[0]!.body).not.toBe(all({ seed: 'qa-43' })[0]!.body);
  });

  it('carry a Sign the core verifies: vendor default KEY by default, or the KEY given; hmac in a header', () => {
    for (const g of all()) expect(verifySign(md5, 'airudder', Buffer.from(g.body), parse(g.body), g.headers).status).toBe('verified');
    for (const g of all({ key: 'customer' })) {
      expect(verifySign(md5, 'customer', Buffer.from(g.body), parse(g.body), g.headers).status).toBe('verified');
      expect(verifySign(md5, 'airudder', Buffer.from(g.body), parse(g.body), g.headers).status).toBe('mismatch');
    }
    const hmac = { type: 'hmac-sha256' as const };
    for (const g of all({ key: 'k', scheme: hmac }))
      expect(verifySign(hmac, 'k', Buffer.from(g.body), undefined, g.headers).status).toBe('verified');
  });

  it('build redial chains: the k-th call of a callee has CallTimes k and lists the k - 1 before it in RedailCall', () => {
    const made = all({ calls: 12, redials: 4 });
    const byCallee = new Map<string, typeof made>();
    for (const g of made) byCallee.set(g.callee, [...(byCallee.get(g.callee) ?? []), g]);
    expect(byCallee.size).toBe(3);
    for (const chain of byCallee.values()) {
      expect(chain.map((g) => g.callTimes)).toEqual([1, 2, 3, 4]);
      chain.forEach((g, k) => {
        const d = detail(g.body);
        expect(d.CallTimes).toBe(k + 1);
        expect(d.RedailCall.map((r: { CallID: string }) => r.CallID)).toEqual(chain.slice(0, k).map((c) => c.callId));
        expect(d.RedailCall.every((r: { callee_number: string }) => r.callee_number === g.callee)).toBe(true);
      });
      const starts = chain.map((g) => Date.parse(detail(g.body).CallStartTime));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
  });

  it('vary what QA needs to see: statuses, intentions, ring types, transcripts', () => {
    const details = all({ calls: 300, redials: 2 }).map((g) => detail(g.body));
    expect(new Set(details.map((d) => d.Status))).toEqual(new Set(['finished', 'failed']));
    expect(new Set(details.map((d) => d.Intention)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(details.map((d) => d.RingType)).size).toBeGreaterThanOrEqual(6);
    const talked = details.filter((d) => d.AsrResult.length > 0);
    expect(talked.length).toBeGreaterThan(50);
    for (const d of talked) expect(d.TalkRound).toBe(d.AsrResult.length);
    expect(isJsonObject(parse(all()[0]!.body))).toBe(true);
  });

  it('refuse a chain of no attempts instead of never ending', () => {
    for (const redials of [0, -1, Number.NaN]) {
      expect(() => generateCallbacks({ calls: 2, redials, seed: 'r', scheme: { type: 'none' } }).next()).toThrow(
        /redials must be 1 or more/,
      );
    }
  });
});
