// Each header scheme end to end over real HTTP: an endpoint configured with it verifies a correctly
// signed POST, reports a tampered one as a mismatch with the reason, and a re-send re-signed with it
// (loopback, to the same core's receiver) is verified on arrival. Signatures sent here are computed
// with node:crypto directly, not with the code under test.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignScheme } from '../../shared/model.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

let core: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => {
  await core.cleanup();
});

const now = () => String(Math.floor(Date.now() / 1000));
const hmac = (alg: string, key: string | Buffer, text: string, enc: 'hex' | 'base64') => createHmac(alg, key).update(text).digest(enc);
const SW_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

interface Case {
  name: string;
  key: string;
  scheme: SignScheme;
  /** The headers a sender following the scheme's own documentation would send with this body. */
  sign(body: string): Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'sw',
    key: SW_SECRET,
    scheme: { type: 'standard-webhooks' },
    sign(body) {
      const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
      const ts = now();
      return {
        'webhook-id': id,
        'webhook-timestamp': ts,
        'webhook-signature': `v1,${hmac('sha256', Buffer.from(SW_SECRET.slice(6), 'base64'), `${id}.${ts}.${body}`, 'base64')}`,
      };
    },
  },
  {
    name: 'github',
    key: "It's a Secret to Everybody",
    scheme: { type: 'hmac', header: 'X-Hub-Signature-256', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
    sign: (body) => ({ 'X-Hub-Signature-256': `sha256=${hmac('sha256', "It's a Secret to Everybody", body, 'hex')}` }),
  },
  {
    name: 'stripe-like',
    key: 'whsec_stripe_like',
    scheme: { type: 'hmac', header: 'Stripe-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'v1=', signed: '{timestamp}.{body}' },
    sign(body) {
      const t = now();
      return { 'Stripe-Signature': `t=${t},v1=${hmac('sha256', 'whsec_stripe_like', `${t}.${body}`, 'hex')}` };
    },
  },
  {
    name: 'slack',
    key: 'slack-signing-secret',
    scheme: {
      type: 'hmac',
      header: 'X-Slack-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: 'v0=',
      signed: 'v0:{header:X-Slack-Request-Timestamp}:{body}',
    },
    sign(body) {
      const t = now();
      return {
        'X-Slack-Request-Timestamp': t,
        'X-Slack-Signature': `v0=${hmac('sha256', 'slack-signing-secret', `v0:${t}:${body}`, 'hex')}`,
      };
    },
  },
  {
    name: 'sha512-base64',
    key: 'k512',
    scheme: { type: 'hmac', header: 'X-Sig-512', algorithm: 'sha512', encoding: 'base64' },
    sign: (body) => ({ 'X-Sig-512': hmac('sha512', 'k512', body, 'base64') }),
  },
  {
    name: 'legacy',
    key: 'old-key',
    scheme: { type: 'hmac-sha256' },
    sign: (body) => ({ 'X-Signature': `sha256=${hmac('sha256', 'old-key', body, 'hex')}` }),
  },
];

async function deliver(name: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await send(`${core.receiver.url}hooks/${name}/`, { headers: { 'Content-Type': 'application/json', ...headers }, body });
  expect(res.status).toBe(200);
  return Number(res.headers['x-callback-inspector-delivery']);
}

describe.each(cases)('$name', ({ name, key, scheme, sign }) => {
  const body = `{"event":"call.end","scheme":"${name}","n":12345678901234567890}`;

  beforeAll(async () => {
    await core.api.putEndpoint({ name, key, sign: scheme });
  });

  it('verifies a correctly signed POST', async () => {
    const id = await deliver(name, body, sign(body));
    const d = (await core.api.getDelivery({ id }))!;
    expect(d.sign).toBe('verified');
    expect(d.signDetail).toMatchObject({ status: 'verified', scheme: scheme.type, keySource: 'endpoint' });
    expect(d.signDetail.warnings).toBeUndefined();
  });

  it('reports a tampered body as a mismatch, with expected, received and what was signed', async () => {
    const id = await deliver(name, body.replace('12345678901234567890', '12345678901234567891'), sign(body));
    const d = (await core.api.getDelivery({ id }))!;
    expect(d.sign).toBe('mismatch');
    expect(d.signDetail.reason).toMatch(/differs/);
    expect(d.signDetail.expected).toBeTruthy();
    expect(d.signDetail.received).toBeTruthy();
    expect(d.signDetail.signed).toContain(`<body: ${body.length} bytes>`);
  });

  it('a re-send re-signed with the scheme is verified by the receiver on the other side', async () => {
    // The tampered copy again: re-signing makes it whole.
    const tampered = await deliver(name, body.replace('"call.end"', '"call.end2"'), sign(body));
    expect((await core.api.getDelivery({ id: tampered }))!.sign).toBe('mismatch');
    const job = await core.api.resend({
      deliveryId: tampered,
      to: `${core.receiver.url}hooks/${name}/`,
      sign: { mode: 'resign', key, scheme },
    });
    expect(await core.resend.runner.wait(job.id)).toMatchObject({ state: 'done', succeeded: 1 });
    const [attempt] = await core.api.listSends({ jobId: job.id });
    const arrived = Number(attempt!.responseHeaders.find(([n]) => n.toLowerCase() === 'x-callback-inspector-delivery')![1]);
    const d = (await core.api.getDelivery({ id: arrived }))!;
    expect(d.signDetail).toMatchObject({ status: 'verified', scheme: scheme.type });
    expect(d.signDetail.warnings).toBeUndefined();
  });
});

describe('Standard Webhooks re-send', () => {
  const body = '{"type":"contact.created"}';
  const old = { 'webhook-id': 'msg_original', 'webhook-timestamp': '1614265330' };
  const signed = (headers: Record<string, string>) => ({
    ...headers,
    'webhook-signature': `v1,${hmac('sha256', Buffer.from(SW_SECRET.slice(6), 'base64'), `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`, 'base64')}`,
  });

  it('reports an old capture as verified with a timestamp warning; keep sends it as it was', async () => {
    const id = await deliver('sw', body, signed(old));
    const d = (await core.api.getDelivery({ id }))!;
    expect(d.signDetail).toMatchObject({
      status: 'verified',
      warnings: [expect.stringMatching(/^webhook-timestamp 1614265330 is \d+ days before it arrived, outside the 300 s tolerance/)],
    });
    const job = await core.api.resend({ deliveryId: id, to: `${core.receiver.url}hooks/sw/` });
    await core.resend.runner.wait(job.id);
    const [attempt] = await core.api.listSends({ jobId: job.id });
    expect(attempt!.requestHeaders).toEqual(
      expect.arrayContaining([
        ['webhook-id', 'msg_original'],
        ['webhook-timestamp', '1614265330'],
      ]),
    );
  });

  it('re-signs with the original webhook-id and a fresh timestamp, or a new id when asked', async () => {
    const id = await deliver('sw', body, signed(old));
    const sentWith = async (newWebhookId: boolean) => {
      const job = await core.api.resend({
        deliveryId: id,
        to: `${core.receiver.url}hooks/sw/`,
        sign: { mode: 'resign', ...(newWebhookId ? { newWebhookId } : {}) },
      });
      await core.resend.runner.wait(job.id);
      const [attempt] = await core.api.listSends({ jobId: job.id });
      const header = (n: string) => attempt!.requestHeaders.find(([k]) => k.toLowerCase() === n)?.[1];
      const arrived = Number(attempt!.responseHeaders.find(([n]) => n === 'x-callback-inspector-delivery')![1]);
      return {
        id: header('webhook-id'),
        timestamp: Number(header('webhook-timestamp')),
        sign: (await core.api.getDelivery({ id: arrived }))!.signDetail,
      };
    };
    const kept = await sentWith(false);
    expect(kept.id).toBe('msg_original');
    expect(Math.abs(kept.timestamp - Date.now() / 1000)).toBeLessThan(30);
    expect(kept.sign).toMatchObject({ status: 'verified' });
    expect(kept.sign.warnings).toBeUndefined();
    const fresh = await sentWith(true);
    expect(fresh.id).toMatch(/^msg_/);
    expect(fresh.id).not.toBe('msg_original');
    expect(fresh.sign.status).toBe('verified');
  });

  it('refuses to re-sign with a KEY that is not a whsec_ secret, before sending', async () => {
    const id = await deliver('sw', body, signed(old));
    await expect(
      core.api.resend({ deliveryId: id, to: `${core.receiver.url}hooks/sw/`, sign: { mode: 'resign', key: 'not a secret!' } }),
    ).rejects.toThrow(/not a Standard Webhooks secret/);
  });
});
