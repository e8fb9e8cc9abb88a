import { stringify, parse } from 'lossless-json';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toPath } from '../../../shared/contract/json-path.js';
import { locatePath, parsePath } from '../../../renderer/src/delivery/json-locate.js';

const seed = stringify(parse(readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url), 'utf8')), undefined, 2)!;
const at = (text: string, path: string) => {
  const found = locatePath(text, parsePath(path)!);
  return found && { ...found, text: text.slice(found.from, found.to) };
};

describe('locating a problem path in the body', () => {
  it('reads back every path form the contract check writes', () => {
    for (const segments of [[], ['Details', 0, 'CallID'], [0], ['a b'], ['x', 'we"ird', 2], ['$dollar']]) {
      expect(parsePath(toPath(segments))).toEqual(segments);
    }
  });

  it('lands on the member named by the path, from its key to the end of its value', () => {
    expect(at(seed, 'Details[0].RedailCall[0].RingType')?.text).toBe('"RingType": ""');
    expect(at(seed, 'Details[0].RedailCall[0].CallStartTime')).toMatchObject({
      text: '"CallStartTime": "2023-10-19 14:13:07"',
      exact: true,
    });
    expect(at(seed, 'Details[0].id')?.text).toBe('"id": 15744007');
  });

  it('covers whole objects and arrays, and the root for $', () => {
    const found = at(seed, 'Details[0].NerSlots')!;
    expect(JSON.parse(`{${found.text}}`)).toEqual({ NerSlots: { PaymentMethod: 'ATM', PaymentTime: 'Time_0' } });
    expect(at(seed, '$')).toMatchObject({ from: 0, to: seed.length });
  });

  it('falls back to the nearest existing ancestor for a missing field', () => {
    const found = at(seed, 'Details[0].Slots')!;
    expect(found.exact).toBe(false);
    expect(found.text.startsWith('{')).toBe(true);
    expect(at(seed, 'Details[5].CallID')).toMatchObject({ exact: false, text: expect.stringMatching(/^"Details": \[/) });
  });

  it('is not fooled by brackets, quotes and keys inside strings', () => {
    const text = '{"a": "}]\\",\\"b\\": [", "b": {"c": [1, "x]", {"d": true}]}}';
    expect(at(text, 'b.c[2].d')?.text).toBe('"d": true');
    expect(at(text, 'b.c[1]')?.text).toBe('"x]"');
  });

  it('rejects text that is not a path', () => {
    expect(parsePath('Details[x]')).toBeNull();
    expect(parsePath('["unterminated')).toBeNull();
  });
});
