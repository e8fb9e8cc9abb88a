// The default target of a stored delivery: its path and query on a base this app trusts (the public
// URL the user confirmed, else the receiver), whatever the request itself said about its host.
import { describe, expect, it } from 'vitest';
import { defaultBase, targetOn } from '../../../main/core/resend/default-target.js';

describe('defaultBase', () => {
  it('is the confirmed public URL when set, else the receiver URL, else nothing', () => {
    expect(defaultBase('https://abc.ngrok.app/', 'http://127.0.0.1:8787/')).toBe('https://abc.ngrok.app/');
    expect(defaultBase('', 'http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/');
    expect(defaultBase(null, null)).toBeNull();
  });

  it('skips a stored value that is not an http(s) URL rather than building on it', () => {
    expect(defaultBase('not a url', 'http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/');
    expect(defaultBase('file:///etc/passwd', null)).toBeNull();
  });
});

describe('targetOn', () => {
  it('puts the path and query on the base', () => {
    expect(targetOn('http://127.0.0.1:8787/', '/hooks/acme/cb', 'x=1&y=%20')).toBe('http://127.0.0.1:8787/hooks/acme/cb?x=1&y=%20');
    expect(targetOn('https://abc.ngrok.app', '/', '')).toBe('https://abc.ngrok.app/');
  });

  it('keeps a path prefix of the public URL (a reverse proxy under a folder)', () => {
    expect(targetOn('https://example.com/inspector/', '/hooks/acme/', '')).toBe('https://example.com/inspector/hooks/acme/');
  });

  it('never takes a host from the request target: absolute form, a double slash, @ and backslashes stay path', () => {
    const base = 'http://127.0.0.1:8787/';
    expect(targetOn(base, 'http://evil.example/hooks/x/', 'a=1')).toBe('http://127.0.0.1:8787/hooks/x/?a=1');
    for (const path of ['//evil.example/x', '/@evil.example/x', '/\\\\evil.example/x', '/..//evil.example']) {
      expect(new URL(targetOn(base, path, '')!).host).toBe('127.0.0.1:8787');
    }
  });

  it('keeps curl globbing characters as they are (the command turns globbing off) and encodes what a URL cannot hold', () => {
    expect(targetOn('http://h/', '/hooks/x/[1-1000000]', '')).toBe('http://h/hooks/x/[1-1000000]');
    expect(targetOn('http://h/', '/a b\u009b\u202e', 'q=\u202e#')).toBe('http://h/a%20b%C2%9B%E2%80%AE?q=%E2%80%AE%23');
  });

  it('is null without a usable base', () => {
    expect(targetOn(null, '/x', '')).toBeNull();
    expect(targetOn('nope', '/x', '')).toBeNull();
  });
});
