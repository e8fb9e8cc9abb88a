// Re-sending a stored delivery to this app's own receiver (the re-send form's default target is where
// it arrived): the copies are marked as re-sends, so they are not taken for the vendor retrying it,
// and a real vendor retry still joins the vendor's first attempt. Other targets get no mark.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';
import { startTarget, type Target } from './support/target.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
let core: Awaited<ReturnType<typeof startTestCore>>;
let target: Target;

beforeAll(async () => {
  core = await startTestCore();
  target = await startTarget();
});
afterAll(async () => {
  await core.cleanup();
  await target.close();
});

const deliver = async () => Number((await send(core.receiver.url, { headers: { 'content-type': 'application/json' }, body: seed })).headers['x-callback-inspector-delivery']);

describe('re-sending to this app itself', () => {
  it('stores each copy as a delivery of its own, not as a vendor retry; a vendor retry still joins the first', async () => {
    const first = await deliver();
    for (let i = 0; i < 2; i++) {
      const job = await core.api.resend({ deliveryId: first, to: core.receiver.url });
      expect(await core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1 });
    }
    const retry = await deliver();

    const page = await core.api.listDeliveries({ limit: 10 });
    const copies = page.items.filter((d) => d.id > first && d.id < retry);
    expect(copies).toHaveLength(2);
    for (const copy of copies) {
      expect(copy).toMatchObject({ retryOf: null, attempt: 1 });
      expect((await core.api.getDelivery({ id: copy.id }))!.headers.some(([n]) => n === 'X-Callback-Inspector-Resend')).toBe(true);
    }
    expect(page.items.find((d) => d.id === retry)).toMatchObject({ retryOf: first, attempt: 2 });
  });

  it('sends other targets the request as stored, without the mark', async () => {
    const id = await deliver();
    const job = await core.api.resend({ deliveryId: id, to: target.url('/ok') });
    await core.resend.runner.wait(job.id);
    expect(target.received.at(-1)!.headers.map(([n]) => n.toLowerCase())).not.toContain('x-callback-inspector-resend');
  });
});
