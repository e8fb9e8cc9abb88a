// Re-send requests are built on the receiver's thread: re-signing a body decodes it (and, for the
// vendor's md5 template, parses it), so a body that inflates past MAX_RESIGN_BYTES is refused with a
// reason instead of stalling the receiver for seconds; sent as stored it goes as usual, and the draft
// does not hand the editor 63 MB of text.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiInputError } from '../../shared/api.js';
import { MAX_RESIGN_BYTES } from '../../main/core/resend/request.js';
import { coreAndTarget } from './support/core-and-target.js';
import { send } from './support/http.js';

const env = coreAndTarget();
const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
/** 61 KB of gzip that inflates to 63 MB of JSON. */
const bomb = gzipSync(`{"TaskID":"bomb","Sign":"x","Details":[${'{},'.repeat(21_000_000 - 1)}{}]}`, { level: 9 });
/** A little under the limit once inflated: still re-signed. */
const nearLimit = gzipSync(`{"TaskID":"near","Sign":"x","Pad":"${' '.repeat(MAX_RESIGN_BYTES - 100)}"}`);
let bombId: number;
let nearId: number;

beforeAll(async () => {
  const post = async (body: Buffer) => {
    const res = await send(env.core.receiver.url, { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });
    expect(res.status).toBe(200);
    return Number(res.headers['x-callback-inspector-delivery']);
  };
  bombId = await post(bomb);
  nearId = await post(nearLimit);
});

describe('re-sending a body that inflates past the re-sign limit', () => {
  it('refuses to re-sign it, with the limit and what to do instead', async () => {
    for (const scheme of [{ type: 'md5-template' as const }, { type: 'hmac' as const, header: 'X-Sig' }]) {
      const refused = env.core.api.resend({ deliveryId: bombId, to: env.target.url('/ok'), sign: { mode: 'resign', scheme, key: 'k' } });
      await expect(refused).rejects.toThrow(ApiInputError);
      await expect(
        env.core.api.resend({ deliveryId: bombId, to: env.target.url('/ok'), sign: { mode: 'resign', scheme, key: 'k' } }),
      ).rejects.toThrow(/over 8 MiB decoded[\s\S]*send it as stored/);
    }
  });

  it('sends it as stored, byte for byte', async () => {
    const before = env.target.received.length;
    const job = await env.core.api.resend({ deliveryId: bombId, to: env.target.url('/ok') });
    expect(await env.core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1 });
    expect(env.target.received.slice(before).map((r) => r.body.equals(bomb))).toEqual([true]);
  });

  it('re-signs a body just under the limit as usual', async () => {
    const before = env.target.received.length;
    const job = await env.core.api.resend({
      deliveryId: nearId,
      to: env.target.url('/ok'),
      sign: { mode: 'resign', scheme: { type: 'md5-template' }, key: 'k' },
    });
    expect(await env.core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1 });
    expect(env.target.received.length).toBe(before + 1);
  });

  it('offers no text to edit in its draft, and says why', async () => {
    const draft = (await env.core.api.resendDraft({ deliveryId: bombId }))!;
    expect(draft.bodyText).toBeNull();
    expect(draft.bodyNote).toMatch(/over 8 MiB decoded: it cannot be edited or re-signed here/);
    const near = (await env.core.api.resendDraft({ deliveryId: nearId }))!;
    expect(near.bodyText?.length).toBeGreaterThan(MAX_RESIGN_BYTES - 200);
    expect(near.bodyNote).toBeNull();
  });

  it('still answers a normal delivery within a second afterwards', async () => {
    const started = performance.now();
    const res = await send(env.core.receiver.url, { headers: { 'content-type': 'application/json' }, body: seed });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
