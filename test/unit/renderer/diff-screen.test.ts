// The diff screen's address and layout: #/diff?a=…&b=… round-trips, differences group under their holder.
import { describe, expect, it } from 'vitest';
import { diffJson } from '../../../shared/diff/json-diff.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import { formatRoute, parseRoute } from '../../../renderer/src/routing/route.js';
import { deliveryHrefOf, diffHref, groupByHolder } from '../../../renderer/src/diff/diff-groups.js';

const json = (t: string) => {
  const p = parseJson(t);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};

describe('diff screen', () => {
  it('reads and writes #/diff?a=…&b=… with readable sides', () => {
    expect(parseRoute('#/diff?a=12&b=send:4')).toEqual({ name: 'diff', a: '12', b: 'send:4' });
    expect(parseRoute('#/diff')).toEqual({ name: 'diff', a: '', b: '' });
    expect(formatRoute({ name: 'diff', a: '12', b: 'example' })).toBe('#/diff?a=12&b=example');
    expect(diffHref(3, 'send:9')).toBe('#/diff?a=3&b=send:9');
    expect(diffHref('call:3/0', 'call:4/1')).toBe('#/diff?a=call:3/0&b=call:4/1');
    expect(parseRoute('#/diff?a=call:3/0&b=call:4/1')).toEqual({ name: 'diff', a: 'call:3/0', b: 'call:4/1' });
    expect(deliveryHrefOf('call:3/1')).toBe('#/call/3/1');
    expect(parseRoute(formatRoute({ name: 'diff', a: 'a&b=c', b: '' }))).toEqual({ name: 'diff', a: 'a&b=c', b: '' });
    expect(deliveryHrefOf('12')).toBe('#/delivery/12');
    expect(deliveryHrefOf('example')).toBeNull();
  });

  it('groups differences under the object or array holding them, in the order found', () => {
    const a = json('{"TaskName":"a","Details":[{"Status":"finished","NerSlots":{"x":1}}]}');
    const b = json('{"TaskName":"b","Details":[{"Status":"failed","NerSlots":{"x":2}}],"New":1}');
    const groups = groupByHolder(diffJson(a, b).differences);
    expect(groups.map((g) => [g.path, g.items.map((i) => i.member)])).toEqual([
      ['$', ['TaskName', 'New']],
      ['Details[0]', ['Status']],
      ['Details[0].NerSlots', ['x']],
    ]);
    expect(groupByHolder(diffJson(json('1'), json('2')).differences)[0]!.items[0]!.member).toBe('(the whole body)');
  });
});
