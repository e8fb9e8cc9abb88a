// The header schemes against their publishers' own test vectors, and what a mismatch says.
// Sources: Standard Webhooks' reference JavaScript library (libraries/javascript/src/webhook.test.ts,
// "sign function works" and "multi sig payload is valid"); GitHub's "Validating webhook deliveries"
// page ("Testing the webhook payload validation"); Slack's "Verifying requests from Slack" example.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest, verifySign } from '../../../main/core/sign/schemes.js';
import { endpointConfig } from '../../../shared/api.js';
import type { SignScheme } from '../../../shared/model.js';
import { HMAC_PRESETS, hmacSettings, parseSigned, withCurrentName } from '../../../shared/sign-schemes/hmac.js';
import { unknownPlaceholders } from '../../../shared/sign-schemes/placeholders.js';
import { parseSignatures, secretBase64 } from '../../../shared/sign-schemes/standard-webhooks.js';

const preset = (name: string): SignScheme => HMAC_PRESETS.find((p) => p.name === name)!.scheme;
type Pairs = Array<[string, string]>;

describe('Standard Webhooks', () => {
  // The reference library's vector: sign(msgId, 1614265330, payload) with this secret.
  const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const TS = '1614265330';
  const PAYLOAD = Buffer.from('{"test": 2432232314}');
  const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
  const SW: SignScheme = { type: 'standard-webhooks' };
  const at = Number(TS) * 1000;
  const headers = (over: Record<string, string | null> = {}): Pairs => {
    const all: Record<string, string | null> = { 'webhook-id': ID, 'webhook-timestamp': TS, 'webhook-signature': SIGNATURE, ...over };
    return Object.entries(all).flatMap(([n, v]) => (v === null ? [] : [[n, v] as [string, string]]));
  };

  it("verifies the reference library's vector, and explains what was signed", () => {
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers(), at)).toEqual({
      status: 'verified',
      scheme: 'standard-webhooks',
      received: SIGNATURE,
      expected: SIGNATURE,
      signed: `${ID}.${TS}.<body: 20 bytes>`,
    });
  });

  it('accepts the secret without its whsec_ prefix, as the reference libraries do', () => {
    expect(verifySign(SW, SECRET.slice(6), PAYLOAD, undefined, headers(), at).status).toBe('verified');
  });

  it('rejects a tampered body, a changed id or timestamp: the signature covers all three', () => {
    const tampered = Buffer.from('{"test": 2432232315}');
    const r = verifySign(SW, SECRET, tampered, undefined, headers(), at);
    expect(r).toMatchObject({
      status: 'mismatch',
      received: SIGNATURE,
      reason: expect.stringMatching(/v1 signature differs from HMAC-SHA256 of "webhook-id.webhook-timestamp.body"/),
    });
    expect(r.expected).not.toBe(SIGNATURE);
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-id': 'msg_other' }), at).status).toBe('mismatch');
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-timestamp': '1614265331' }), at).status).toBe('mismatch');
  });

  it('verifies when any v1 signature of a space-separated list matches (secret rotation)', () => {
    const list = [
      'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      SIGNATURE,
      'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
    ].join(' ');
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-signature': list }), at).status).toBe('verified');
    const wrong = verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-signature': list.replace(SIGNATURE, '') }), at);
    expect(wrong.reason).toMatch(/none of the 2 v1 signatures matches/);
  });

  it('says which header is missing', () => {
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-id': null }), at).reason).toMatch(/^missing header webhook-id/);
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-id': null, 'webhook-timestamp': null }), at).reason).toMatch(
      /^missing headers webhook-id, webhook-timestamp/,
    );
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-signature': null }), at)).toMatchObject({
      status: 'mismatch',
      reason: 'missing header webhook-signature',
      expected: SIGNATURE,
    });
  });

  it('says when the timestamp or the signature is malformed, or only a v1a signature came', () => {
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-timestamp': 'hello' }), at).reason).toBe(
      'webhook-timestamp "hello" is not unix seconds',
    );
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-signature': 'v1,' }), at).reason).toBe(
      'webhook-signature has no well-formed v1 signature (base64 of 32 bytes)',
    );
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers({ 'webhook-signature': SIGNATURE.slice(0, 8) }), at).status).toBe('mismatch');
    expect(
      verifySign(
        SW,
        SECRET,
        PAYLOAD,
        undefined,
        headers({ 'webhook-signature': 'v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==' }),
        at,
      ).reason,
    ).toMatch(/found v1a; v1a asymmetric signatures are not checked/);
  });

  it('reports a timestamp outside the tolerance as a warning, keeping the verdict (replays are old)', () => {
    const later = at + 301_000;
    const r = verifySign(SW, SECRET, PAYLOAD, undefined, headers(), later);
    expect(r.status).toBe('verified');
    expect(r.warnings).toEqual([
      'webhook-timestamp 1614265330 is 5 min before it arrived, outside the 300 s tolerance: a receiver that enforces it would reject this request',
    ]);
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers(), at - 400_000).warnings?.[0]).toMatch(/7 min after it arrived/);
    expect(verifySign({ ...SW, toleranceSeconds: 600 }, SECRET, PAYLOAD, undefined, headers(), later).warnings).toBeUndefined();
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, headers(), at + 299_000).warnings).toBeUndefined();
  });

  it('does not check with a KEY that is not a whsec_ secret, and says so without repeating it', () => {
    const r = verifySign(SW, 'not base64!', PAYLOAD, undefined, headers(), at);
    expect(r).toEqual({
      status: 'not-checked',
      scheme: 'standard-webhooks',
      reason: 'the KEY is not a Standard Webhooks secret: expected whsec_ followed by base64',
    });
    expect(secretBase64('whsec_')).toMatchObject({ ok: false });
  });

  it('re-signs: keeps the original webhook-id by default, a fresh timestamp, a signature the checker accepts', () => {
    const now = Date.UTC(2025, 0, 1);
    const made = signRequest(SW, SECRET, PAYLOAD, undefined, { headers: [], original: headers(), nowMs: now });
    if (!made.ok || made.placement?.where !== 'header') throw new Error('not signed');
    const sent = made.placement.headers;
    expect(sent.map(([n]) => n)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(sent[0]![1]).toBe(ID);
    expect(sent[1]![1]).toBe(String(now / 1000));
    expect(verifySign(SW, SECRET, PAYLOAD, undefined, sent, now)).toMatchObject({ status: 'verified' });
    // And the same function reproduces the library's vector at its time.
    const vector = signRequest(SW, SECRET, PAYLOAD, undefined, { original: headers(), nowMs: at });
    expect(vector.ok && vector.placement?.value).toBe(SIGNATURE);
  });

  it('re-signs with a new webhook-id when asked, or when the original has none; refuses a bad KEY', () => {
    const fresh = signRequest(SW, SECRET, PAYLOAD, undefined, { original: headers(), newWebhookId: true });
    const id = fresh.ok && fresh.placement?.where === 'header' ? fresh.placement.headers[0]![1] : '';
    expect(id).toMatch(/^msg_[A-Za-z0-9]{20,}$/);
    expect(id).not.toBe(ID);
    const none = signRequest(SW, SECRET, PAYLOAD, undefined, {});
    expect(none.ok && none.placement?.where === 'header' && none.placement.headers[0]![1]).toMatch(/^msg_/);
    expect(signRequest(SW, 'airudder!', PAYLOAD, undefined, {})).toEqual({
      ok: false,
      error: 'cannot re-sign with standard-webhooks: the KEY is not a Standard Webhooks secret: expected whsec_ followed by base64',
    });
  });

  it('parses the signature list by version', () => {
    expect(parseSignatures(' v1,a  v1a,b v2,c ')).toEqual({ v1: ['a'], others: ['v1a', 'v2'] });
  });
});

describe('generic HMAC header', () => {
  // GitHub's published test values.
  const GH_SECRET = "It's a Secret to Everybody";
  const GH_BODY = Buffer.from('Hello, World!');
  const GH_SIGNATURE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
  const GITHUB = preset('GitHub');

  it("verifies GitHub's X-Hub-Signature-256 example", () => {
    expect(verifySign(GITHUB, GH_SECRET, GH_BODY, undefined, [['X-Hub-Signature-256', GH_SIGNATURE]])).toEqual({
      status: 'verified',
      scheme: 'hmac',
      received: GH_SIGNATURE,
      expected: GH_SIGNATURE,
      signed: '<body: 13 bytes>',
    });
  });

  it('rejects a tampered body with expected, received and what was signed', () => {
    const r = verifySign(GITHUB, GH_SECRET, Buffer.from('Hello, World?'), undefined, [['x-hub-signature-256', GH_SIGNATURE]]);
    expect(r).toMatchObject({
      status: 'mismatch',
      received: GH_SIGNATURE,
      signed: '<body: 13 bytes>',
      reason: 'X-Hub-Signature-256 differs from HMAC-SHA-256 of {body} with the KEY',
    });
    expect(r.expected).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('explains a right digest without the configured prefix, and a malformed value', () => {
    const bare = GH_SIGNATURE.slice('sha256='.length);
    expect(verifySign(GITHUB, GH_SECRET, GH_BODY, undefined, [['X-Hub-Signature-256', bare]]).reason).toBe(
      'the digest is right but X-Hub-Signature-256 lacks the prefix "sha256=": a receiver that expects it rejects this',
    );
    expect(verifySign(GITHUB, GH_SECRET, GH_BODY, undefined, [['X-Hub-Signature-256', 'sha256=abc']]).reason).toBe(
      'X-Hub-Signature-256 is not "sha256=" + a SHA-256 digest in hex',
    );
    expect(verifySign(GITHUB, GH_SECRET, GH_BODY, undefined, [])).toMatchObject({
      status: 'mismatch',
      reason: 'no X-Hub-Signature-256 header',
      expected: GH_SIGNATURE,
    });
  });

  it("verifies Slack's documented example through a {header:Name} template", () => {
    const body = Buffer.from(
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    );
    const headers: Pairs = [
      ['X-Slack-Request-Timestamp', '1531420618'],
      ['X-Slack-Signature', 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503'],
    ];
    const r = verifySign(preset('Slack'), '8f742231b10e8888abcd99yyyzzz85a5', body, undefined, headers);
    expect(r).toMatchObject({ status: 'verified', signed: `v0:1531420618:<body: ${body.length} bytes>` });
    const noTimestamp = verifySign(preset('Slack'), '8f742231b10e8888abcd99yyyzzz85a5', body, undefined, headers.slice(1));
    expect(noTimestamp).toMatchObject({
      status: 'mismatch',
      warnings: [
        'the request has no X-Slack-Request-Timestamp header, which v0:{header:X-Slack-Request-Timestamp}:{body} signs: read as ""',
      ],
    });
  });

  it.each(['sha1', 'sha256', 'sha512'] as const)('signs and verifies with %s in hex and base64', (algorithm) => {
    for (const encoding of ['hex', 'base64'] as const) {
      const scheme: SignScheme = { type: 'hmac', header: 'X-Sig', algorithm, encoding };
      const value = createHmac(algorithm, 'k').update('{"a":1}').digest(encoding);
      expect(verifySign(scheme, 'k', Buffer.from('{"a":1}'), undefined, [['X-Sig', value]]).status).toBe('verified');
      expect(verifySign(scheme, 'k', Buffer.from('{"a":2}'), undefined, [['X-Sig', value]]).status).toBe('mismatch');
      const made = signRequest(scheme, 'k', Buffer.from('{"a":1}'), undefined, {});
      expect(made.ok && made.placement?.value).toBe(value);
    }
  });

  it('Stripe-like: t=…,v1=… over "{timestamp}.{body}", re-signed at the time of sending, stale t= is a warning', () => {
    const scheme = preset('Stripe-like');
    const body = Buffer.from('{"id":"evt_1"}');
    const now = 1_700_000_000_000;
    const made = signRequest(scheme, 'whsec_stripe', body, undefined, { nowMs: now });
    if (!made.ok || made.placement?.where !== 'header') throw new Error('not signed');
    const digest = createHmac('sha256', 'whsec_stripe').update(`1700000000.${body.toString()}`).digest('hex');
    expect(made.placement.headers).toEqual([['Stripe-Signature', `t=1700000000,v1=${digest}`]]);
    const got = (value: string, at = now) => verifySign(scheme, 'whsec_stripe', body, undefined, [['Stripe-Signature', value]], at);
    expect(got(`t=1700000000,v1=${digest}`)).toMatchObject({ status: 'verified', signed: `1700000000.<body: ${body.length} bytes>` });
    expect(got(`t=1700000000,v0=${'0'.repeat(64)},v1=${'1'.repeat(64)},v1=${digest}`).status).toBe('verified');
    expect(got(`t=1700000001,v1=${digest}`).status).toBe('mismatch');
    expect(got(`v1=${digest}`).reason).toBe('Stripe-Signature has no t= timestamp, which {timestamp}.{body} signs');
    expect(got(`t=1700000000,v1=${digest}`, now + 3_600_000)).toMatchObject({
      status: 'verified',
      warnings: [expect.stringMatching(/^Stripe-Signature t= 1700000000 is 60 min before it arrived/)],
    });
  });

  it('refuses to re-sign when a signed header is in neither the request nor the original; takes it from the original otherwise', () => {
    const slack = preset('Slack');
    expect(signRequest(slack, 'k', Buffer.from('x'), undefined, {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/signs the X-Slack-Request-Timestamp header/),
    });
    const made = signRequest(slack, 'k', Buffer.from('x'), undefined, { original: [['x-slack-request-timestamp', '5']] });
    expect(made.ok && made.placement?.where === 'header' && made.placement.headers).toEqual([
      ['X-Slack-Request-Timestamp', '5'],
      ['X-Slack-Signature', `v0=${createHmac('sha256', 'k').update('v0:5:x').digest('hex')}`],
    ]);
  });

  it('parses the signed template and names unknown placeholders (typos)', () => {
    expect(parseSigned('v0:{header:X-T}:{body}')).toEqual([
      { kind: 'text', text: 'v0:' },
      { kind: 'header', name: 'X-T' },
      { kind: 'text', text: ':' },
      { kind: 'body' },
    ]);
    expect(unknownPlaceholders('{Body}.{timestamp}.{header:}')).toEqual(['{Body}', '{header:}']);
    expect(endpointConfig.safeParse({ name: 'x', sign: { type: 'hmac', signed: '{Body}' } }).success).toBe(false);
  });
});

describe('the legacy hmac-sha256 config (stored by earlier versions)', () => {
  // As an earlier version wrote it into the endpoints table.
  const stored =
    '{"name":"legacy","response":{"status":200,"body":"{}","contentType":"application/json","delayMs":0,"hang":false,"failFirst":0,"failStatus":500,"failureRate":0},"key":"k","sign":{"type":"hmac-sha256","header":"X-Hub-Signature-256","encoding":"base64"}}';
  const body = Buffer.from('{"TaskID":"t"}');
  const hex = createHmac('sha256', 'k').update(body).digest('hex');
  const b64 = createHmac('sha256', 'k').update(body).digest('base64');

  it('still parses, unchanged', () => {
    const parsed = endpointConfig.parse(JSON.parse(stored));
    expect(parsed).toEqual(JSON.parse(stored));
    expect(endpointConfig.parse({ name: 'd', sign: { type: 'hmac-sha256' } }).sign).toEqual({ type: 'hmac-sha256' });
  });

  it('means sha256 of the body, no prefix, as before', () => {
    expect(hmacSettings({ type: 'hmac-sha256', header: 'X-Hub-Signature-256', encoding: 'base64' })).toMatchObject({
      header: 'X-Hub-Signature-256',
      algorithm: 'sha256',
      encoding: 'base64',
      prefix: '',
      signed: '{body}',
    });
    expect(hmacSettings({ type: 'hmac-sha256' })).toMatchObject({ header: 'X-Signature', encoding: 'hex' });
  });

  it('verifies and re-signs exactly as before (with or without a sha256= prefix on receipt, none written)', () => {
    const { sign } = endpointConfig.parse(JSON.parse(stored));
    for (const value of [b64, `sha256=${b64}`])
      expect(verifySign(sign, 'k', body, undefined, [['x-hub-signature-256', value]])).toMatchObject({
        status: 'verified',
        scheme: 'hmac-sha256',
        expected: b64,
      });
    expect(verifySign(sign, 'k', Buffer.from('{"TaskID":"u"}'), undefined, [['X-Hub-Signature-256', b64]]).status).toBe('mismatch');
    const made = signRequest(sign, 'k', body, undefined, {});
    expect(made.ok && made.placement).toEqual({ where: 'header', headers: [['X-Hub-Signature-256', b64]], value: b64 });
    const plain: SignScheme = { type: 'hmac-sha256' };
    expect(verifySign(plain, 'k', body, undefined, [['X-Signature', hex.toUpperCase()]]).status).toBe('verified');
  });

  it('is edited as the hmac it means, which checks the same', () => {
    const legacy: SignScheme = { type: 'hmac-sha256', header: 'X-Hub-Signature-256', encoding: 'base64' };
    const current = withCurrentName(legacy);
    expect(current).toEqual({ type: 'hmac', header: 'X-Hub-Signature-256', encoding: 'base64', algorithm: 'sha256' });
    for (const value of [b64, `sha256=${b64}`, 'garbage', hex]) {
      const a = verifySign(legacy, 'k', body, undefined, [['X-Hub-Signature-256', value]]);
      const b = verifySign(current, 'k', body, undefined, [['X-Hub-Signature-256', value]]);
      expect({ ...b, scheme: a.scheme }).toEqual(a);
    }
  });
});
