// A form-encoded body or a query string, read as the parameters a server gets from it.
import { describe, expect, it } from 'vitest';
import { isFormEncoded, readParams } from '../../../renderer/src/delivery/params.js';

describe('parameters of a query string or a form body', () => {
  it('keeps every pair in order, repeated names included', () => {
    expect(readParams('a=1&b=2&a=3')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
    ]);
  });

  it('percent-decodes names and values and reads + as a space, as a form post means it', () => {
    expect(readParams('full+name=Budi%20Santoso&note=%3Cb%3Ehi%3C%2Fb%3E&%E5%90%8D=%E5%80%BC')).toEqual([
      ['full name', 'Budi Santoso'],
      ['note', '<b>hi</b>'],
      ['名', '值'],
    ]);
  });

  it('keeps a name without a value, an empty name and a malformed escape as written, instead of failing', () => {
    expect(readParams('flag&=v&bad=%zz&pct=100%')).toEqual([
      ['flag', ''],
      ['', 'v'],
      ['bad', '%zz'],
      ['pct', '100%'],
    ]);
  });

  it('takes a query string with or without its ?', () => {
    expect(readParams('?x=1')).toEqual([['x', '1']]);
    expect(readParams('')).toEqual([]);
  });

  it('calls a body form-encoded only when its Content-Type says so, whatever the parameters', () => {
    expect(isFormEncoded('application/x-www-form-urlencoded')).toBe(true);
    expect(isFormEncoded('Application/X-WWW-Form-Urlencoded; charset=UTF-8')).toBe(true);
    expect(isFormEncoded('application/json')).toBe(false);
    expect(isFormEncoded('text/plain')).toBe(false);
    expect(isFormEncoded(null)).toBe(false);
  });
});
