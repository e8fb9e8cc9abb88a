import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LosslessNumber, isLosslessNumber, stringify } from 'lossless-json';
import { MAX_BUILD_DEPTH, MAX_BUILT_VALUES, parseJson, toPath } from '../../../shared/json/lossless-parse.js';
import type { JsonValue } from '../../../shared/contract/json-value.js';

/** LosslessNumber → number, so a parse can be compared with JSON.parse (test data is shallow). */
function plain(v: JsonValue): unknown {
  if (isLosslessNumber(v)) return Number(v.value);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, { value: plain(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

function accepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function ok(text: string) {
  const r = parseJson(text);
  if (!r.ok) throw new Error(`expected ${text.slice(0, 40)} to parse: ${r.error.message}`);
  return r;
}

describe('parseJson agrees with JSON.parse', () => {
  it('parses any JSON.stringify output to the value JSON.parse gives (numbers compared as numbers)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, space) => {
        const text = JSON.stringify(value, null, space);
        expect(plain(ok(text).value)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts exactly the texts JSON.parse accepts, for random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(parseJson(text).ok).toBe(accepts(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly the texts JSON.parse accepts, for strings built from JSON tokens', () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"\\u00e9"',
      '"\\x"',
      '1',
      '-0',
      '01',
      '1.5e3',
      '1.',
      '.5',
      'true',
      'nul',
      'null',
      ' ',
      '\n',
      '\t',
      '\u00a0',
      '"\u0001"',
      '\\',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const text = tokens.join('');
        expect(parseJson(text).ok).toBe(accepts(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('checks subtrees past the build limit exactly as it parses the rest: same verdict, same offset', () => {
    const token = fc.constantFrom('{', '}', '[', ']', ',', ':', '"k"', '"\\n"', '1', '-', 'true', ' ', 'x');
    const texts = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.array(token, { maxLength: 14 }).map((t) => t.join('')),
    );
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 3 }), (text, limit) => {
        const full = parseJson(text, { maxBuildDepth: Infinity });
        const skipped = parseJson(text, { maxBuildDepth: limit });
        expect(skipped.ok).toBe(full.ok);
        if (!full.ok && !skipped.ok) expect(skipped.error).toEqual(full.error);
        if (full.ok && skipped.ok) expect(skipped.maxDepth).toBe(full.maxDepth);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects every one-character mutation of valid JSON that JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (value, at, ch) => {
        const text = JSON.stringify(value);
        const i = at % (text.length + 1);
        const mutated = text.slice(0, i) + ch + text.slice(i + 1);
        expect(parseJson(mutated).ok).toBe(accepts(mutated));
      }),
      { numRuns: 1000 },
    );
  });
});

/** Values in a parsed tree, each scalar, key and container counting one (what the budget counts). */
function countValues(v: unknown): number {
  if (Array.isArray(v)) return 1 + v.reduce((n: number, x) => n + countValues(x), 0);
  if (v !== null && typeof v === 'object' && !isLosslessNumber(v))
    return 1 + Object.values(v).reduce((n: number, x) => n + 1 + countValues(x), 0);
  return 1;
}

/** Whether `cut` is `full` with members left off the ends of its containers (a document-order prefix). */
function isPrefixOf(cut: unknown, full: unknown): boolean {
  if (Array.isArray(full)) return Array.isArray(cut) && cut.length <= full.length && cut.every((x, i) => isPrefixOf(x, full[i]));
  if (full !== null && typeof full === 'object' && !isLosslessNumber(full)) {
    if (cut === null || typeof cut !== 'object' || Array.isArray(cut)) return false;
    const keys = Object.keys(full);
    const kept = Object.keys(cut);
    return kept.every((k, i) => k === keys[i] && isPrefixOf((cut as Record<string, unknown>)[k], (full as Record<string, unknown>)[k]));
  }
  return JSON.stringify(plain(cut as JsonValue)) === JSON.stringify(plain(full as JsonValue));
}

describe('the budget of built values', () => {
  it('checks what it does not build exactly as what it builds: same verdict, same error offset', () => {
    const token = fc.constantFrom('{', '}', '[', ']', ',', ':', '"k"', '"\\n"', '1', '-', 'true', ' ', 'x', '[]', '{}');
    const texts = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.array(token, { maxLength: 16 }).map((t) => t.join('')),
    );
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 6 }), (text, limit) => {
        const full = parseJson(text, { maxValues: Infinity });
        const cut = parseJson(text, { maxValues: limit });
        expect(cut.ok).toBe(full.ok);
        if (!full.ok && !cut.ok) expect(cut.error).toEqual(full.error);
      }),
      { numRuns: 3000 },
    );
  });

  it('builds at most the budget, keeps a document-order prefix of the value, and says so only when it cut', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 40 }), (value, limit) => {
        const text = JSON.stringify(value);
        const full = ok(text);
        const cut = parseJson(text, { maxValues: limit });
        if (!cut.ok) throw new Error('a valid text failed under a budget');
        const total = countValues(full.value);
        expect(countValues(cut.value)).toBeLessThanOrEqual(Math.max(1, limit));
        expect(isPrefixOf(cut.value, full.value)).toBe(true);
        expect(cut.problems.some((p) => p.code === 'value-limit')).toBe(total > limit);
        if (total <= limit) expect(plain(cut.value)).toEqual(plain(full.value));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a 63 MB body of 21M empty objects keeping the first MAX_BUILT_VALUES, and only says what it cut', () => {
    const text = `{"TaskID":"bomb","Details":[${'{},'.repeat(21_000_000)}{}]}`;
    const r = ok(text);
    const details = (r.value as { Details: unknown[] }).Details;
    // The root, the two keys, the TaskID and the Details array are five of the budget.
    expect(details.length).toBe(MAX_BUILT_VALUES - 5);
    expect(r.problems.map((p) => p.code)).toEqual(['value-limit']);
    expect(r.problems[0]!.message).toContain(`${(21_000_001 - (MAX_BUILT_VALUES - 5)).toLocaleString('en-US')} later members`);
  });
});

describe('numbers keep their digits', () => {
  it('keeps an integer beyond 2^53 digit for digit, and stringify writes it back unchanged', () => {
    const text = '{"id":123456789012345678901234567890,"small":-0.000001e-7,"n":[1.0,1e3]}';
    const r = ok(text);
    const id = (r.value as Record<string, JsonValue>)['id'];
    expect(id).toBeInstanceOf(LosslessNumber);
    expect((id as LosslessNumber).value).toBe('123456789012345678901234567890');
    expect(stringify(r.value)).toBe(text);
  });
});

describe('duplicate keys', () => {
  it('keeps the last value, as JSON.parse does, and warns with the JSON path', () => {
    const r = ok('{"Details":[{"CallID":"a","x":1,"CallID":"b"}]}');
    expect(plain(r.value)).toEqual({ Details: [{ CallID: 'b', x: 1 }] });
    expect(r.problems).toEqual([expect.objectContaining({ path: 'Details[0].CallID', severity: 'warning', code: 'duplicate-key' })]);
  });

  it('writes non-identifier keys quoted in the path', () => {
    const r = ok('[0, {"a b": {"k": 1, "k": 2}}]');
    expect(r.problems.map((p) => p.path)).toEqual(['$[1]["a b"].k']);
  });

  it('lists the first 100 duplicates and counts the rest in one summary', () => {
    const members = Array.from({ length: 150 }, () => '"k":1').join(',');
    const r = ok(`[${Array.from({ length: 2 }, () => `{${members}}`).join(',')}]`);
    expect(r.problems).toHaveLength(101);
    expect(r.problems[100]?.message).toMatch(/^198 more duplicate keys/);
    // The summary stands for the 198 in a delivery's warning count.
    expect(r.problems[100]?.count).toBe(198);
  });
});

describe('__proto__ and other Object.prototype names are data', () => {
  it('stores a __proto__ key as an own property and leaves the prototype alone', () => {
    const r = ok('{"__proto__": {"polluted": true}, "constructor": 1}');
    const obj = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.keys(obj)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(stringify(r.value)).toBe('{"__proto__":{"polluted":true},"constructor":1}');
  });

  it('reports a duplicated __proto__ key like any other', () => {
    expect(ok('{"__proto__":1,"__proto__":2}').problems.map((p) => p.path)).toEqual(['__proto__']);
  });
});

describe('strings', () => {
  it('keeps lone surrogates from \\u escapes as lone code units, as JSON.parse does', () => {
    for (const text of ['"\\ud800"', '"\\udc00x"', '"\\ud83d\\ude00"', '"a\\uDBFF"']) expect(ok(text).value).toBe(JSON.parse(text));
  });

  it('decodes a 16 MB string of escapes as JSON.parse does', () => {
    const text = JSON.stringify('\n"\u00e9\\'.repeat(4_000_000));
    expect(ok(text).value).toBe(JSON.parse(text));
  });
});

describe('syntax errors', () => {
  it.each([
    ['', 0],
    ['{"a":1,}', 7],
    ['[1 2]', 3],
    ['"abc', 4],
    ['{"a" 1}', 5],
    ['01', 1],
    ['"tab\there"', 4],
    ['\ufeff{}', 0],
    ['{} x', 3],
  ])('rejects %j with the offset where it stopped (%i)', (text, offset) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.offset).toBe(offset);
  });
});

describe('deep nesting', () => {
  it('parses 100,000 levels without recursion, building the first MAX_BUILD_DEPTH and warning once', () => {
    const n = 100_000;
    const r = ok('['.repeat(n) + '"x"' + ']'.repeat(n));
    expect(r.maxDepth).toBe(n);
    let v: JsonValue = r.value;
    let built = 0;
    while (Array.isArray(v)) {
      v = v[0] as JsonValue;
      built++;
    }
    expect(built).toBe(MAX_BUILD_DEPTH);
    expect(v).toBeNull();
    expect(r.problems).toEqual([expect.objectContaining({ code: 'depth-limit', severity: 'warning' })]);
  });

  it('builds everything when the limit is raised past the depth', () => {
    const n = 100_000;
    const r = parseJson('{"a":'.repeat(n) + '1' + '}'.repeat(n), { maxBuildDepth: n });
    expect(r.ok && r.problems).toEqual([]);
  });

  it('still finds a syntax error below the build limit', () => {
    const r = parseJson('['.repeat(50_000) + '}' + ']'.repeat(50_000));
    expect(r.ok ? null : r.error.offset).toBe(50_000);
  });

  it('parses 32 MB of [[[[...]]]] (16M levels) without overflowing the stack', () => {
    const n = 16 * 1024 * 1024;
    expect(ok('['.repeat(n) + ']'.repeat(n)).maxDepth).toBe(n);
  });
});

describe('toPath', () => {
  it.each([
    [[], '$'],
    [['Details', 0, 'CallID'], 'Details[0].CallID'],
    [[0, 'a'], '$[0].a'],
    [['weird key', 'x'], '$["weird key"].x'],
    [['a', 'quote"d', 2], 'a["quote\\"d"][2]'],
  ] as const)('formats %j as %s', (segments, path) => {
    expect(toPath(segments)).toBe(path);
  });
});
