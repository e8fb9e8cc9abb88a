// A delivery cut on arrival (over the body limit, answered 413) has only a prefix stored: re-sending it
// would send a body the vendor never sent. It is refused (one delivery, a chain) or skipped (bulk)
// unless the caller allows it; an edited body replaces the prefix and goes as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiInputError } from '../../shared/api.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';
import { startTarget, type Target } from './support/target.js';

const LIMIT = 4096;
let core: Awaited<ReturnType<typeof startTestCore>>;
let target: Target;
let cut: number;
let whole: number;

beforeAll(async () => {
  core = await startTestCore({ bodyLimit: LIMIT });
  target = await startTarget();
  const big = await send(core.receiver.url, { headers: { 'content-type': 'application/json' }, body: `{"pad":"${'x'.repeat(3 * LIMIT)}"}` });
  expect(big.status).toBe(413);
  cut = Number(big.headers['x-callback-inspector-delivery']);
  whole = Number((await send(core.receiver.url, { headers: { 'content-type': 'application/json' }, body: '{"small":true}' })).headers['x-callback-inspector-delivery']);
});
afterAll(async () => {
  await core.cleanup();
  await target.close();
});

describe('re-sending a body cut on arrival', () => {
  it('says so in the draft', async () => {
    expect((await core.api.resendDraft({ deliveryId: cut }))!.truncated).toBe(true);
    expect((await core.api.resendDraft({ deliveryId: whole }))!.truncated).toBe(false);
  });

  it('refuses to send the stored prefix unless allowed, naming the field', async () => {
    const refused = core.api.resend({ deliveryId: cut, to: target.url('/ok') });
    await expect(refused).rejects.toThrow(ApiInputError);
    await expect(core.api.resend({ deliveryId: cut, to: target.url('/ok') })).rejects.toThrow(/allowTruncated[\s\S]*cut when it arrived[\s\S]*first \d+ bytes/);

    const before = target.received.length;
    const job = await core.api.resend({ deliveryId: cut, to: target.url('/ok'), allowTruncated: true });
    expect(await core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1 });
    const stored = (await core.api.getRawBody({ id: cut }))!;
    expect(target.received.slice(before).map((r) => r.body.toString('base64'))).toEqual([stored.base64]);
  });

  it('sends an edited body in its place as usual', async () => {
    const job = await core.api.resend({ deliveryId: cut, to: target.url('/ok'), body: { text: '{"fixed":true}' } });
    expect(await core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1 });
    expect(target.received.at(-1)!.body.toString()).toBe('{"fixed":true}');
  });

  it('skips it in a bulk re-send, with the reason, and sends the others', async () => {
    const before = target.received.length;
    const job = await core.api.bulkResend({ ids: [cut, whole], to: target.url('/ok') });
    const done = (await core.resend.runner.wait(job.id))!;
    expect(done).toMatchObject({ total: 2, succeeded: 1, failed: 1, outcomes: { '200': 1, 'not sent': 1 } });
    expect(done.notes.join('\n')).toMatch(new RegExp(`#${cut}: delivery #${cut} was cut when it arrived`));
    expect(target.received.slice(before).map((r) => r.body.toString())).toEqual(['{"small":true}']);
  });

  it('refuses a chain that holds one, before sending anything', async () => {
    const before = target.received.length;
    await expect(core.api.replayChain({ ids: [whole, cut], to: target.url('/ok'), speed: 'max' })).rejects.toThrow(/cut when it arrived/);
    expect(target.received.length).toBe(before);
  });
});
