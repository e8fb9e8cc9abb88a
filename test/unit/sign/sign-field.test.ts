// Re-signing edits only the Sign member: other bytes, big integers and key order stay as they were.
import { describe, expect, it } from 'vitest';
import { withSign } from '../../../main/core/sign/sign-field.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';

const value = (t: string) => {
  const p = parseJson(t);
  if (!p.ok) throw new Error('bad');
  return p.value;
};

describe('withSign', () => {
  it('replaces the one Sign member in place, keeping spacing and big integers', () => {
    const text = '{ "TaskID" : "t",  "Sign" :  "old", "id": 123456789012345678901 }';
    expect(withSign(text, value(text), 'new')).toBe('{ "TaskID" : "t",  "Sign" :  "new", "id": 123456789012345678901 }');
  });

  it('re-serialises losslessly when Sign is missing or ambiguous (a nested Sign too)', () => {
    const missing = '{"TaskID":"t","id":123456789012345678901}';
    expect(withSign(missing, value(missing), 's')).toBe('{"TaskID":"t","id":123456789012345678901,"Sign":"s"}');
    const nested = '{"Sign":"a","Details":[{"Sign":"b"}]}';
    expect(JSON.parse(withSign(nested, value(nested), 's'))).toEqual({ Sign: 's', Details: [{ Sign: 'b' }] });
  });

  it('does not mistake a nested Sign for the top-level one written with an escape', () => {
    const text = '{"\\u0053ign":"top","Details":[{"Sign":"inner"}]}';
    const out = JSON.parse(withSign(text, value(text), 'new'));
    expect(out).toEqual({ Sign: 'new', Details: [{ Sign: 'inner' }] });
  });
});
