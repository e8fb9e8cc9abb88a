import { describe, expect, it } from 'vitest';
import { isOwnReceiver, resendMarkOf } from '../../../main/core/receiver/resend-mark.js';

describe("this app's own receiver, as a re-send target", () => {
  const own = 'http://127.0.0.1:8787/';
  it('is its address under any loopback name, on its port, whatever the path', () => {
    expect(isOwnReceiver('http://127.0.0.1:8787/hooks/qa/', own, null)).toBe(true);
    expect(isOwnReceiver('http://localhost:8787/', own, null)).toBe(true);
    expect(isOwnReceiver('http://[::1]:8787/x', own, null)).toBe(true);
  });

  it('is its public (tunnel) URL', () => {
    expect(isOwnReceiver('https://abc.ngrok.app/hooks/qa/', own, 'https://abc.ngrok.app/')).toBe(true);
  });

  it('is not another port, another host, or something that is not a URL', () => {
    expect(isOwnReceiver('http://127.0.0.1:3000/callback', own, null)).toBe(false);
    expect(isOwnReceiver('https://customer.example/cb', own, 'https://abc.ngrok.app/')).toBe(false);
    expect(isOwnReceiver('not a url', own, null)).toBe(false);
  });
});

describe('the re-send mark', () => {
  it('is found whatever the case of its name', () => {
    expect(resendMarkOf([['x-callback-inspector-resend', 'job 1 item 0']])).toBe('job 1 item 0');
    expect(resendMarkOf([['Content-Type', 'application/json']])).toBeNull();
  });
});
