import { describe, it, expect } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { computeSign, signBody, verifySign } from '../../../main/core/sign/schemes.js';
import { parseJson } from '../../../shared/json/lossless-parse.js';
import { DEFAULT_SIGN_TEMPLATE, VENDOR_DEFAULT_KEY, missingTemplateFields, renderSignTemplate } from '../../../shared/sign.js';
import type { JsonObject, JsonValue } from '../../../shared/contract/json-value.js';
import type { SignScheme } from '../../../shared/model.js';

const SEED_BYTES = readFileSync(new URL('../../fixtures/seed-example.json', import.meta.url));
function parse(text: string): JsonValue {
  const r = parseJson(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const seed = (): JsonObject => parse(SEED_BYTES.toString('utf8')) as JsonObject;
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const MD5: SignScheme = { type: 'md5-template' };
const HMAC: SignScheme = { type: 'hmac-sha256' };

describe('renderSignTemplate', () => {
  it('replaces {Field} with the top-level field and {KEY} with the key', () => {
    expect(renderSignTemplate('{TaskID}|{TaskName}|{KEY}', seed(), 'k')).toBe('502380771007633e8d8b859ebf76970a|Task-001|k');
  });

  it('writes numbers with their digits as sent, booleans as words, and missing or nested fields as ""', () => {
    const value = parse('{"n":12345678901234567890,"b":true,"o":{},"z":null}');
    expect(renderSignTemplate('{n}.{b}.{o}.{z}.{missing}.{KEY}', value, 'K')).toBe('12345678901234567890.true....K');
    expect(missingTemplateFields('{n}{o}{z}{missing}{KEY}', value)).toEqual(['o', 'z', 'missing']);
  });

  it('always reads {KEY} as the key, even when the body has a KEY field, and copies other text literally', () => {
    expect(renderSignTemplate('{KEY}{ not a placeholder }{}', parse('{"KEY":"body"}'), 'key')).toBe('key{ not a placeholder }{}');
  });

  it('defaults to {TaskID}{KEY}, which reproduces the page example Sign with the KEY "airudder"', () => {
    expect(DEFAULT_SIGN_TEMPLATE).toBe('{TaskID}{KEY}');
    expect(md5(renderSignTemplate(DEFAULT_SIGN_TEMPLATE, seed(), VENDOR_DEFAULT_KEY))).toBe(seed()['Sign']);
  });
});

describe('verifySign', () => {
  it('does not check when the scheme is none or the endpoint is not configured', () => {
    expect(verifySign({ type: 'none' }, 'k', SEED_BYTES, seed(), [])).toMatchObject({ status: 'not-checked', scheme: 'none' });
    expect(verifySign(null, 'k', SEED_BYTES, seed(), [])).toMatchObject({ status: 'not-checked', scheme: 'none' });
  });

  it("does not check without a KEY, and says 'no KEY configured'", () => {
    expect(verifySign(MD5, '', SEED_BYTES, seed(), [])).toEqual({
      status: 'not-checked',
      scheme: 'md5-template',
      reason: 'no KEY configured',
    });
  });

  it("verifies the page's example with md5-template and the KEY that produced it", () => {
    expect(verifySign(MD5, VENDOR_DEFAULT_KEY, SEED_BYTES, seed(), [])).toMatchObject({
      status: 'verified',
      received: seed()['Sign'],
      expected: seed()['Sign'],
    });
  });

  it('compares the md5 case-insensitively', () => {
    const body = seed();
    body['Sign'] = String(body['Sign']).toUpperCase();
    expect(verifySign(MD5, VENDOR_DEFAULT_KEY, SEED_BYTES, body, []).status).toBe('verified');
  });

  it('reports a mismatch with both signatures for a wrong KEY, without revealing the KEY', () => {
    const r = verifySign(MD5, 'wrong-key', SEED_BYTES, seed(), []);
    expect(r).toMatchObject({ status: 'mismatch', received: seed()['Sign'], expected: md5('502380771007633e8d8b859ebf76970awrong-key') });
    expect(r.reason).not.toContain('wrong-key');
  });

  it('uses the configured template', () => {
    const scheme: SignScheme = { type: 'md5-template', template: '{KEY}:{TaskName}' };
    const body = parse('{"TaskID":"t","TaskName":"n","Sign":"' + md5('k:n') + '"}');
    expect(verifySign(scheme, 'k', new Uint8Array(), body, []).status).toBe('verified');
  });

  it('reports a missing or non-string Sign as a mismatch with the reason', () => {
    expect(verifySign(MD5, 'k', new Uint8Array(), parse('{"TaskID":"t"}'), [])).toMatchObject({
      status: 'mismatch',
      reason: 'body has no Sign field',
    });
    expect(verifySign(MD5, 'k', new Uint8Array(), parse('{"TaskID":"t","Sign":5}'), [])).toMatchObject({
      status: 'mismatch',
      reason: 'Sign is not a string',
    });
  });

  it('does not check md5-template on a body that is not a JSON object', () => {
    expect(verifySign(MD5, 'k', new Uint8Array(), undefined, []).status).toBe('not-checked');
    expect(verifySign(MD5, 'k', new Uint8Array(), parse('[1]'), []).status).toBe('not-checked');
  });

  const body = Buffer.from('{"TaskID":"t"}');
  const hex = createHmac('sha256', 'k').update(body).digest('hex');
  const b64 = createHmac('sha256', 'k').update(body).digest('base64');

  it.each([
    ['hex', hex],
    ['upper-case hex', hex.toUpperCase()],
    ['a sha256= prefix', `sha256=${hex}`],
  ])('verifies hmac-sha256 of the body bytes in X-Signature written as %s', (_, value) => {
    expect(verifySign(HMAC, 'k', body, undefined, [['x-signature', value]])).toMatchObject({
      status: 'verified',
      scheme: 'hmac-sha256',
      expected: hex,
    });
  });

  it('reads base64 and a custom header when the scheme says so', () => {
    const scheme: SignScheme = { type: 'hmac-sha256', header: 'X-Hub-Signature-256', encoding: 'base64' };
    expect(verifySign(scheme, 'k', body, undefined, [['X-HUB-SIGNATURE-256', `sha256=${b64}`]]).status).toBe('verified');
  });

  it('reports a wrong, malformed or missing hmac header as a mismatch with the reason', () => {
    const wrong = createHmac('sha256', 'other').update(body).digest('hex');
    expect(verifySign(HMAC, 'k', body, undefined, [['X-Signature', wrong]]).reason).toMatch(/differs/);
    expect(verifySign(HMAC, 'k', body, undefined, [['X-Signature', 'abc']]).reason).toMatch(/not a SHA-256 digest in hex/);
    expect(verifySign(HMAC, 'k', body, undefined, [])).toMatchObject({
      status: 'mismatch',
      reason: 'no X-Signature header',
      expected: hex,
    });
  });
});

describe('signing for resend', () => {
  it('gives md5-template a new Sign value for the body', () => {
    expect(signBody(MD5, VENDOR_DEFAULT_KEY, SEED_BYTES, seed())).toEqual({ where: 'body', field: 'Sign', value: seed()['Sign'] });
  });

  it('gives hmac-sha256 the header to send, computed over the bytes given', () => {
    expect(signBody({ type: 'hmac-sha256', header: 'X-Sig', encoding: 'base64' }, 'k', body(), undefined)).toEqual({
      where: 'header',
      headers: [['X-Sig', createHmac('sha256', 'k').update(body()).digest('base64')]],
      value: createHmac('sha256', 'k').update(body()).digest('base64'),
    });
    function body(): Buffer {
      return Buffer.from('{"TaskID":"t"}');
    }
  });

  it('gives nothing for none, and computeSign agrees with verifySign', () => {
    expect(signBody({ type: 'none' }, 'k', SEED_BYTES, seed())).toBeNull();
    const sign = computeSign(MD5, 'k', SEED_BYTES, seed());
    const body = seed();
    body['Sign'] = sign;
    expect(verifySign(MD5, 'k', SEED_BYTES, body, []).status).toBe('verified');
  });
});
