// A delivery cut on arrival (over the body limit, answered 413) has only a prefix stored: re-sending it
// would send a body the vendor never sent. It is refused (one delivery, a chain) or skipped (bulk)
// unless the caller allows it; an edited body replaces the prefix and goes as usual.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiInputError } from '../../shared/api.js';
import { coreAndTarget } from './support/core-and-target.js';
import { send } from './support/http.js';

const LIMIT = 4096;
const env = coreAndTarget({ bodyLimit: LIMIT });
let cut: number;
let whole: number;

beforeAll(async () => {
  const { core } = env;
  const big = await send(core.receiver.url, {
    headers: { 'content-type': 'application/json' },
    body: `{"pad":"${'x'.repeat(3 * LIMIT)}"}`,
  });
  expect(big.status).toBe(413);
  cut = Number(big.headers['x-callback-inspector-delivery']);
  whole = Number(
    (await send(core.receiver.url, { headers: { 'content-type': 'application/json' }, body: '{"small":true}' })).headers[
      'x-callback-inspector-delivery'
    ],
  );
});

describe('re-sending a body cut on arrival', () => {
  it('says so in the draft', async () => {
    expect((await env.core.api.resendDraft({ deliveryId: cut }))!.truncated).toBe(true);
    expect((await env.core.api.resendDraft({ deliveryId: whole }))!.truncated).toBe(false);
  });

  it('refuses to send the stored prefix unless allowed, naming the field', async () => {
    const refused = env.core.api.resend({ deliveryId: cut, to: env.target.url('/ok') });
    await expect(refused).rejects.toThrow(ApiInputError);
    await expect(env.core.api.resend({ deliveryId: cut, to: env.target.url('/ok') })).rejects.toThrow(
      /allowTruncated[\s\S]*cut when it arrived[\s\S]*first \d+ bytes/,
    );

    const before = env.target.received.length;
    const job = await env.core.api.resend({ deliveryId: cut, to: env.target.url('/ok'), allowTruncated: true });
    expect(await env.core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1 });
    const stored = (await env.core.api.getRawBody({ id: cut }))!;
    expect(env.target.received.slice(before).map((r) => r.body.toString('base64'))).toEqual([Buffer.from(stored.bytes).toString('base64')]);
  });

  it('sends an edited body in its place as usual', async () => {
    const job = await env.core.api.resend({ deliveryId: cut, to: env.target.url('/ok'), body: { text: '{"fixed":true}' } });
    expect(await env.core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1 });
    expect(env.target.received.at(-1)!.body.toString()).toBe('{"fixed":true}');
  });

  it('skips it in a bulk re-send, with the reason, and sends the others', async () => {
    const before = env.target.received.length;
    const job = await env.core.api.bulkResend({ ids: [cut, whole], to: env.target.url('/ok') });
    const done = (await env.core.resend.runner.wait(job.id))!;
    expect(done).toMatchObject({ total: 2, succeeded: 1, failed: 1, outcomes: { '200': 1, 'not sent': 1 } });
    expect(done.notes.join('\n')).toMatch(new RegExp(`#${cut}: delivery #${cut} was cut when it arrived`));
    expect(env.target.received.slice(before).map((r) => r.body.toString())).toEqual(['{"small":true}']);
  });

  it('refuses a chain that holds one, before sending anything', async () => {
    const before = env.target.received.length;
    await expect(env.core.api.replayChain({ ids: [whole, cut], to: env.target.url('/ok'), speed: 'max' })).rejects.toThrow(
      /cut when it arrived/,
    );
    expect(env.target.received.length).toBe(before);
  });
});
