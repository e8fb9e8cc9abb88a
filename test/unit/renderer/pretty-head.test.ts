// The JSON tab's first lines of a big body, drawn before the whole is formatted: they are the start of
// what the formatter prints, line for line, so the whole document only adds to them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyHead } from '../../../renderer/src/delivery/pretty-head.js';
import { prettyJson } from '../../../renderer/src/delivery/pretty-json.js';

const pretty = (text: string) => {
  const p = prettyJson(text);
  if (!p.ok) throw new Error(p.error);
  return p.text;
};

/** Objects the formatter prints in their text's order: no integer-like key (JS lists those first). */
const inTextOrder = (v: unknown): boolean =>
  Array.isArray(v)
    ? v.every(inTextOrder)
    : typeof v !== 'object' || v === null || Object.entries(v).every(([k, x]) => !/^(0|[1-9]\d*)$/.test(k) && inTextOrder(x));

describe('the first lines of a body formatted', () => {
  it('are the formatted text up to a line end, for any JSON and any number of lines', () => {
    fc.assert(
      fc.property(fc.jsonValue().filter(inTextOrder), fc.boolean(), fc.integer({ min: 1, max: 40 }), (value, spaced, lines) => {
        const text = JSON.stringify(value, null, spaced ? 1 : undefined);
        const whole = pretty(text);
        const head = prettyHead(text, lines);
        if (whole.split('\n').length <= lines) expect(head).toBeNull();
        else expect(head).toBe(whole.split('\n').slice(0, lines).join('\n'));
      }),
    );
  });

  it('keep every digit of a number, and write strings and empty containers as the formatter does', () => {
    const text = '{"id":123456789012345678901,"r":1.50,"e":-0E+2,"s":"\\u00e9\\/\\"","a":[],"o":{},"n":[null,true,false]}';
    expect(prettyHead(text, 8)).toBe(pretty(text).split('\n').slice(0, 8).join('\n'));
    expect(prettyHead(text, 3)).toBe('{\n  "id": 123456789012345678901,\n  "r": 1.50,');
  });

  it('are none when the text stops being JSON within them, or is one value', () => {
    expect(prettyHead('{"a":1,"b":tru,"c":3,"d":4}', 4)).toBeNull();
    expect(prettyHead('{"a":1 "b":2,"c":3}', 3)).toBeNull();
    expect(prettyHead('"just a string"', 1)).toBeNull();
    // Past them, the text is not read: the worker's whole format says what is wrong.
    expect(prettyHead('{"a":1,"b":2,"c":3,', 3)).toBe('{\n  "a": 1,\n  "b": 2,');
  });
});
