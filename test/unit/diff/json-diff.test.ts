// The structural diff finds each planted change at its JSON path, with both values, and nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import type { JsonValue } from '../../../shared/contract/json-value.js';
import { diffJson } from '../../../shared/diff/json-diff.js';
import { numberValueKey } from '../../../shared/diff/canonical.js';

const seedText = readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url), 'utf8');

/** Parsed as the core parses bodies: numbers keep their digits. */
function json(text: string): JsonValue {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** The seed, edited as plain JS (only safe integers there) and written back. */
function seedWith(edit: (seed: any) => void): JsonValue {
  const seed = JSON.parse(seedText);
  edit(seed);
  return json(JSON.stringify(seed));
}

const brief = (a: JsonValue, b: JsonValue) =>
  diffJson(a, b).differences.map((d) => [d.kind, d.path, ...(d.to ? [d.to] : []), d.a ?? null, d.b ?? null]);

describe('structural JSON diff', () => {
  it('finds nothing between a body and itself, however its keys are ordered or spaced', () => {
    expect(diffJson(json(seedText), json(seedText))).toEqual({
      differences: [],
      counts: { changed: 0, 'type-changed': 0, added: 0, removed: 0, moved: 0, total: 0 },
      omitted: 0,
    });
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(seedText)).reverse()));
    expect(diffJson(json(seedText), json(reordered)).counts.total).toBe(0);
  });

  it('reports a changed field at its path with both values', () => {
    const b = seedWith((s) => (s.Details[0].Status = 'failed'));
    expect(brief(json(seedText), b)).toEqual([['changed', 'Details[0].Status', '"finished"', '"failed"']]);
  });

  it('reports added and removed members, deep inside arrays too', () => {
    const b = seedWith((s) => {
      delete s.PlanName;
      s.Details[0].NerSlots.Amount = '12.00';
      s.Details[0].AsrResult.push({ time: '00:00:05', robottext: '', text: 'halo' });
    });
    expect(brief(json(seedText), b)).toEqual([
      ['removed', 'PlanName', '"Plan_001"', null],
      ['added', 'Details[0].AsrResult[1]', null, '{"time":"00:00:05","robottext":"","text":"halo"}'],
      ['added', 'Details[0].NerSlots.Amount', null, '"12.00"'],
    ]);
  });

  it('reports a Details entry whose index changed as moved, not as every field changed', () => {
    const second = (s: any) => ({ ...s.Details[0], id: 2, CallID: 'second' });
    const third = (s: any) => ({ ...s.Details[0], id: 3, CallID: 'third' });
    const a = seedWith((s) => s.Details.push(second(s), third(s)));
    const b = seedWith((s) => s.Details.unshift(third(s)) && s.Details.splice(2, 0, second(s)));
    const diff = diffJson(a, b);
    expect(diff.differences.map((d) => [d.kind, d.path, d.to])).toEqual([['moved', 'Details[2]', 'Details[0]']]);
    expect(diff.counts).toMatchObject({ moved: 1, total: 1 });
  });

  it('reports an object member that moved to another parent, unchanged, as moved', () => {
    const a = json('{"Details":[{"NerSlots":{"PaymentMethod":"ATM","PaymentTime":"Time_0"}}],"Extra":{}}');
    const b = json('{"Details":[{}],"Extra":{"NerSlots":{"PaymentMethod":"ATM","PaymentTime":"Time_0"}}}');
    expect(brief(a, b)).toEqual([
      ['moved', 'Details[0].NerSlots', 'Extra.NerSlots', '{"PaymentMethod":"ATM","PaymentTime":"Time_0"}', null],
    ]);
  });

  it('compares the fields of an array element whose index shifted, naming both places', () => {
    const a = json('{"Details":[{"CallID":"x","Status":"finished"}]}');
    const b = json('{"Details":[{"CallID":"new"},{"CallID":"x","Status":"failed"}]}');
    expect(brief(a, b)).toEqual([
      ['added', 'Details[0]', null, '{"CallID":"new"}'],
      ['changed', 'Details[0].Status', 'Details[1].Status', '"finished"', '"failed"'],
    ]);
  });

  it('tells integers apart that differ only past 2^53, where floats are equal', () => {
    const a = json('{"id":98765432109876543210,"small":9007199254740993}');
    const b = json('{"id":98765432109876543211,"small":9007199254740992}');
    expect(Number('98765432109876543210')).toBe(Number('98765432109876543211')); // what a float compare would say
    expect(brief(a, b)).toEqual([
      ['changed', 'id', '98765432109876543210', '98765432109876543211'],
      ['changed', 'small', '9007199254740993', '9007199254740992'],
    ]);
  });

  it('keeps a number written differently with the same value as a change, with a note saying so', () => {
    const [d] = diffJson(json('{"CallTimes":2}'), json('{"CallTimes":2.0}')).differences;
    expect(d).toMatchObject({
      kind: 'changed',
      path: 'CallTimes',
      a: '2',
      b: '2.0',
      aType: 'integer',
      bType: 'number',
      note: 'the same value, written differently',
    });
    expect(numberValueKey('1e3')).toBe(numberValueKey('1000.000'));
    expect(numberValueKey('-0')).toBe(numberValueKey('0.0'));
    expect(numberValueKey('12345678901234567890123')).not.toBe(numberValueKey('12345678901234567890124'));
  });

  it('reports a type change with both types, not its contents', () => {
    const b = seedWith((s) => {
      s.Details[0].CallTimes = '2';
      s.Details[0].RedailCall = null;
    });
    const diff = diffJson(json(seedText), b);
    expect(diff.differences.map((d) => [d.kind, d.path, d.aType, d.bType])).toEqual([
      ['type-changed', 'Details[0].CallTimes', 'integer', 'string'],
      ['type-changed', 'Details[0].RedailCall', 'array', 'null'],
    ]);
    expect(diff.counts).toMatchObject({ 'type-changed': 2, total: 2 });
  });

  it('follows a Details entry that both moved and changed, field by field, naming both places', () => {
    const other = (s: any) => ({ ...s.Details[0], id: 2, CallID: 'second' });
    const a = seedWith((s) => s.Details.push(other(s)));
    const b = seedWith((s) => s.Details.unshift({ ...other(s), Status: 'failed' }));
    expect(brief(a, b)).toEqual([['changed', 'Details[1].Status', 'Details[0].Status', '"finished"', '"failed"']]);
    // Entries with little in common are not forced together across the array.
    expect(brief(json('[{"a":1,"b":2,"c":3},"k"]'), json('["k",{"a":1,"b":9,"c":9}]')).map((d) => [d[0], d[1]])).toEqual([
      ['removed', '$[0]'],
      ['added', '$[1]'],
    ]);
  });

  it('writes paths as the contract problems do: $ for the root, quoted odd keys', () => {
    expect(brief(json('[1]'), json('{"a":1}'))).toEqual([['type-changed', '$', '[1]', '{"a":1}']]);
    expect(brief(json('{"odd key":1,"__proto__":{"x":1}}'), json('{"odd key":2,"__proto__":{"x":2}}'))).toEqual([
      ['changed', '$["odd key"]', '1', '2'],
      ['changed', '__proto__.x', '1', '2'],
    ]);
  });

  it('pairs duplicates one to one and moves scalars inside one array', () => {
    expect(brief(json('["a","b","c"]'), json('["c","a","b"]'))).toEqual([['moved', '$[2]', '$[0]', '"c"', null]]);
    expect(brief(json('["x","x"]'), json('["x"]'))).toEqual([['removed', '$[1]', '"x"', null]]);
  });

  it('lists at most maxDifferences, counting all, and cuts long values', () => {
    const many = (n: number, v: string) => json(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, v]))));
    const diff = diffJson(many(50, 'a'), many(50, 'b'), { maxDifferences: 10, valueTextLimit: 4 });
    expect(diff.differences).toHaveLength(10);
    expect(diff).toMatchObject({ omitted: 40, counts: { changed: 50, total: 50 } });
    const long = diffJson(json('{"t":"short"}'), json(`{"t":"${'x'.repeat(50)}"}`), { valueTextLimit: 10 }).differences[0]!;
    expect(long).toMatchObject({ a: '"short"', b: `"${'x'.repeat(9)}…`, truncated: true });
  });
});
