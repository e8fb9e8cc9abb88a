import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { isOwnReceiver, resendMarkOf, signedMark, verifiedMark } from '../../../main/core/store/resend-mark.js';
import { sha256Hex } from '../../../main/core/store/hash.js';

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

describe("the re-send mark's signature", () => {
  const secret = randomBytes(32);
  const body = Buffer.from('{"TaskID":"t"}');
  const mark = signedMark('job 3 item 1', body, secret);

  it('carries its label and a signature that this secret verifies for this body', () => {
    expect(mark).toMatch(/^job 3 item 1; [\w-]{43}$/);
    expect(verifiedMark(mark, sha256Hex(body), secret)).toBe('job 3 item 1');
  });

  it('is not genuine under another secret, on another body, with another label, unsigned, or with no secret yet', () => {
    expect(verifiedMark(mark, sha256Hex(body), randomBytes(32))).toBeNull();
    expect(verifiedMark(mark, sha256Hex(Buffer.from('{"TaskID":"u"}')), secret)).toBeNull();
    expect(verifiedMark(mark.replace('item 1', 'item 2'), sha256Hex(body), secret)).toBeNull();
    expect(verifiedMark('job 3 item 1', sha256Hex(body), secret)).toBeNull();
    expect(verifiedMark('', sha256Hex(body), secret)).toBeNull();
    expect(verifiedMark(mark, sha256Hex(body), null)).toBeNull();
  });
});
