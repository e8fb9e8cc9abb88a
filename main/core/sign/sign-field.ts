// Puts a new `Sign` into a JSON body without disturbing the rest of it: the one `"Sign": "..."`
// member is replaced in place when it can be found unambiguously (every other byte, big integers
// and key order included, stays as it was); otherwise the body is re-serialised losslessly.
import { stringify } from 'lossless-json';
import { field, isJsonObject, type JsonValue } from '../../../shared/contract/json-value.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';

const SIGN_MEMBER = /"Sign"\s*:\s*"(?:[^"\\]|\\.)*"/g;

export function withSign(text: string, value: JsonValue, sign: string): string {
  if (!isJsonObject(value)) throw new Error('withSign needs a JSON object');
  const matches = [...text.matchAll(SIGN_MEMBER)];
  if (typeof field(value, 'Sign') === 'string' && matches.length === 1) {
    const m = matches[0]!;
    const prefix = /^"Sign"\s*:\s*/.exec(m[0])![0];
    const spliced = `${text.slice(0, m.index)}${prefix}${JSON.stringify(sign)}${text.slice(m.index + m[0].length)}`;
    // The match could be a nested member while the top-level key is written with escapes: check.
    const check = parseJson(spliced);
    if (check.ok && isJsonObject(check.value) && field(check.value, 'Sign') === sign) return spliced;
  }
  const copy = { ...value, Sign: sign };
  return stringify(copy) ?? '';
}
