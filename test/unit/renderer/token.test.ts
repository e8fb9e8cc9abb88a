import { describe, expect, it } from 'vitest';
import { takeToken } from '../../../renderer/src/api/token.js';

function env(hash: string, stored: string | null = null) {
  const store = new Map<string, string>(stored ? [['callback-inspector.token', stored]] : []);
  const replaced: string[] = [];
  return {
    replaced,
    store,
    env: {
      hash,
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
      replaceHash: (h: string) => void replaced.push(h),
    },
  };
}

describe('API token from the ui URL', () => {
  it('takes the token from #token=, keeps it for the session and strips it from the address bar', () => {
    const e = env('#token=abc%2B%2F');
    expect(takeToken(e.env)).toBe('abc+/');
    expect(e.store.get('callback-inspector.token')).toBe('abc+/');
    expect(e.replaced).toEqual(['#/inbox']);
  });

  it('uses the session token after the hash was stripped (reload, links between screens)', () => {
    const e = env('#/delivery/3', 'kept');
    expect(takeToken(e.env)).toBe('kept');
    expect(e.replaced).toEqual([]);
  });

  it('has no token when neither the URL nor the session carries one', () => {
    expect(takeToken(env('#/inbox').env)).toBeNull();
    expect(takeToken(env('#token=').env)).toBeNull();
  });
});
