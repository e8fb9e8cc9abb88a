import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../../renderer/src/routing/route.js';

describe('hash routes', () => {
  it('opens each screen directly from its hash', () => {
    expect(parseRoute('#/delivery/12')).toEqual({ name: 'delivery', id: 12 });
    expect(parseRoute('#/call/12/0')).toEqual({ name: 'call', deliveryId: 12, index: 0 });
    expect(parseRoute('#/chain/+6212345678')).toEqual({ name: 'chain', callee: '+6212345678', taskId: null });
    expect(parseRoute('#/charts')).toEqual({ name: 'charts' });
    expect(parseRoute('#/endpoints')).toEqual({ name: 'endpoints' });
  });

  it('treats an empty hash as the inbox and reads its search', () => {
    expect(parseRoute('')).toEqual({ name: 'inbox', q: '' });
    expect(parseRoute('#/')).toEqual({ name: 'inbox', q: '' });
    expect(parseRoute('#/inbox?q=CalleeNumber%3A%2B62%20x')).toEqual({ name: 'inbox', q: 'CalleeNumber:+62 x' });
  });

  it('round-trips every route, including awkward callees and searches', () => {
    const routes: Route[] = [
      { name: 'inbox', q: '' },
      { name: 'inbox', q: 'CalleeNumber:+6212 Status:"not sure" a&b#c' },
      { name: 'delivery', id: 9_007_199_254 },
      { name: 'call', deliveryId: 3, index: 33 },
      { name: 'chain', callee: '+62 123/45?#%', taskId: 'abc+def' },
      { name: 'chain', callee: '+6212345678', taskId: null },
      { name: 'charts' },
      { name: 'endpoints' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ name: 'chain', callee: '+6212345678', taskId: null })).toBe('#/chain/+6212345678');
  });

  it('rejects malformed ids and unknown screens instead of guessing', () => {
    for (const hash of [
      '#/delivery/0',
      '#/delivery/abc',
      '#/delivery/1/2',
      '#/call/1',
      '#/call/1/-1',
      '#/chain/',
      '#/chain/%E0%A4%A',
      '#/nope',
    ]) {
      expect(parseRoute(hash)).toEqual({ name: 'not-found', hash });
    }
  });
});
