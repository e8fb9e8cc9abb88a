// Derived JSON is stored deflated against a dictionary; blobs written before it still read back.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../main/core/ingest/ingest.js';
import { packJson, unpackJson } from '../../../main/core/store/packed-json.js';

const seed = readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url));
const derived = ingest({ body: seed, truncated: false, headers: [['content-type', 'application/json']], endpoint: null });
const broken = ingest({
  body: Buffer.from('{"TaskID":"x","Sign":"bad","Details":[{}]}'),
  truncated: false,
  headers: [['content-type', 'text/plain']],
  endpoint: null,
});

describe('packed JSON', () => {
  it.each([
    ['the seed’s problems', derived.problems],
    ['the seed’s Sign', derived.sign],
    ['a broken body’s problems', broken.problems],
    ['a broken body’s Sign', broken.sign],
    ['text the dictionary does not know', { note: 'ünïcödé ✓ '.repeat(50) }],
  ])('round-trips %s', (_, value) => {
    expect(unpackJson(packJson(value))).toEqual(value);
  });

  it('is smaller than deflate alone for what rows repeat', () => {
    for (const value of [derived.problems, derived.sign, broken.problems]) {
      const plain = deflateRawSync(JSON.stringify(value)).length;
      expect(packJson(value).length).toBeLessThan(plain * 0.75);
    }
  });

  it('packs each value as its own, however many values come and go (values repeat, and are remembered)', () => {
    const values = Array.from({ length: 600 }, (_, i) => [
      { path: `Details[${i}].CallID`, code: 'missing-field', big: 'x'.repeat(i * 10) },
    ]);
    const first = values.map((v) => packJson(v));
    // Again, after most were let go and some (the longest) never kept: the same bytes, the same values.
    values.forEach((v, i) => {
      expect(packJson(v).equals(first[i]!)).toBe(true);
      expect(unpackJson(first[i]!)).toEqual(v);
    });
  });

  it('crosses to another thread as its own bytes, not the memory pool it could have been cut from', () => {
    const blob = packJson(derived.problems);
    expect(structuredClone(blob).buffer.byteLength).toBe(blob.length);
  });

  it('reads blobs written with the first dictionary, before notes', () => {
    // Written by packJson when it deflated against DICTIONARY_V1: the seed's redial RingType problem of then.
    const v1 = Buffer.from('/yMihKmYMGKUBkl2iAUA', 'base64');
    expect(unpackJson(v1)).toEqual([
      {
        path: 'Details[0].RedailCall[0].RingType',
        severity: 'warning',
        code: 'unknown-enum',
        message:
          'RingType "" is not one of busy, cantuse, hold, line, holdline, switchoff, lineswitchoff, outofarea, unregister, wrongnum, notmatch, normal, null',
      },
    ]);
  });

  it("keeps the seed's notes about as small as its warnings were (81 bytes against the first dictionary)", () => {
    expect(packJson(derived.problems).length).toBeLessThanOrEqual(90);
  });

  it('reads blobs written before the dictionary (plain raw deflate)', () => {
    const old = deflateRawSync(JSON.stringify(derived.problems));
    expect(unpackJson(old)).toEqual(derived.problems);
  });
});
