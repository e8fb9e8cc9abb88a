// Re-sending a stored delivery to this app's own receiver (the re-send form's default target is where
// it arrived): the copies are marked as re-sends, so they are not taken for the vendor retrying it nor
// shown in the callee's chain, and a real vendor retry still joins the vendor's first attempt. Other
// targets get no mark.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreAndTarget } from './support/core-and-target.js';
import { startTestCore, tempDir } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
const env = coreAndTarget();

const deliver = async () =>
  Number(
    (await send(env.core.receiver.url, { headers: { 'content-type': 'application/json' }, body: seed })).headers[
      'x-callback-inspector-delivery'
    ],
  );

describe('re-sending to this app itself', () => {
  it('stores each copy as a re-send of its own, not a vendor retry, and out of the chain; a vendor retry still joins the first', async () => {
    const first = await deliver();
    // One copy as stored, one edited into a call of its own (another CallID).
    const edited = seed.toString('utf8').replace('6dbf57adc3ecf4f4bfd5efe85ccad659', 'ffffffffffffffffffffffffffffffff');
    for (const body of [undefined, { text: edited }]) {
      const job = await env.core.api.resend({ deliveryId: first, to: env.core.receiver.url, ...(body ? { body } : {}) });
      expect(await env.core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1 });
    }
    const retry = await deliver();

    const page = await env.core.api.listDeliveries({ limit: 10 });
    const copies = page.items.filter((d) => d.id > first && d.id < retry);
    expect(copies).toHaveLength(2);
    for (const copy of copies) {
      expect(copy).toMatchObject({ retryOf: null, attempt: 1, resend: true });
      expect((await env.core.api.getDelivery({ id: copy.id }))!.headers.some(([n]) => n === 'X-Callback-Inspector-Resend')).toBe(true);
    }
    expect(page.items.find((d) => d.id === retry)).toMatchObject({ retryOf: first, attempt: 2, resend: false });

    // The callee's chain is the vendor's: the copies are not in it, nor in a replay of it.
    const inChain = new Set((await env.core.api.getChain({ callee: '+6212345678' })).map((a) => a.deliveryId));
    expect(copies.filter((c) => inChain.has(c.id))).toEqual([]);
    // (The retry repeats the first's call: a chain shows a call once, from its earliest delivery.)
    expect([...inChain]).toEqual([first]);
    const replay = await env.core.api.replayChain({ callee: '+6212345678', to: env.target.url('/ok'), speed: 'max' });
    const replayed = (await env.core.resend.runner.wait(replay.id))!;
    expect(replayed.total).toBe(page.items.filter((d) => !d.resend).length);
  });

  it('takes generated callbacks and bodies sent from a file as new traffic: unmarked, in their chains, replayable by callee', async () => {
    const options = { calls: 6, redials: 3, seed: 'self-generated' };
    const generated = await env.core.api.generate(options);
    const before = (await env.core.api.listDeliveries({ limit: 1 })).items[0]?.id ?? 0;
    const job = await env.core.api.sendGenerated({ ...options, to: env.core.receiver.url });
    expect(await env.core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 6 });
    const body = await env.core.api.resend({
      body: { text: generated[0]!.body.replace(generated[0]!.callId, 'from-a-file') },
      to: env.core.receiver.url,
    });
    expect(await env.core.resend.runner.wait(body.id)).toMatchObject({ succeeded: 1 });

    const arrived = (await env.core.api.listDeliveries({ limit: 10 })).items.filter((d) => d.id > before);
    expect(arrived).toHaveLength(7);
    for (const d of arrived) expect(d).toMatchObject({ resend: false, kind: 'call-end' });
    const callee = generated[0]!.callee;
    const chain = await env.core.api.getChain({ callee });
    expect(chain.map((a) => a.callId)).toEqual(expect.arrayContaining(generated.filter((g) => g.callee === callee).map((g) => g.callId)));
    const replay = await env.core.api.replayChain({ callee, to: env.target.url('/ok'), speed: 'max' });
    expect(await env.core.resend.runner.wait(replay.id)).toMatchObject({ state: 'done', failed: 0 });
  });

  it("takes a mark this data directory did not sign for the vendor's: the delivery stays in its retry group", async () => {
    const body = seed.toString('utf8').replace('502380771007633e8d8b859ebf76970a', 'forged-mark-task');
    const other = body.replace('"Task-001"', '"Task-002"');
    const post = async (text: string, mark?: string) =>
      Number(
        (
          await send(env.core.receiver.url, {
            headers: { 'content-type': 'application/json', ...(mark !== undefined && { 'X-Callback-Inspector-Resend': mark }) },
            body: text,
          })
        ).headers['x-callback-inspector-delivery'],
      );
    const first = await post(body);
    const otherFirst = await post(other);
    // A real re-send to itself, for a genuine mark to copy.
    const job = await env.core.api.resend({ deliveryId: first, to: env.core.receiver.url });
    await env.core.resend.runner.wait(job.id);
    const copy = (await env.core.api.listDeliveries({ limit: 1 })).items[0]!;
    expect(copy).toMatchObject({ resend: true, retryOf: null });
    const genuine = (await env.core.api.getDelivery({ id: copy.id }))!.headers.find(([n]) => n === 'X-Callback-Inspector-Resend')![1];
    expect(genuine).toMatch(new RegExp(`^job ${job.id} item 0; [\\w-]{43}$`));

    const forged = ['job 1 item 0', '', `job ${job.id} item 0; ${'A'.repeat(43)}`, genuine.replace(/; .*/, '; ')];
    for (const [k, mark] of forged.entries()) {
      const id = await post(body, mark);
      expect(await env.core.api.getDelivery({ id }), `mark ${JSON.stringify(mark)}`).toMatchObject({
        retryOf: first,
        attempt: k + 2,
        resend: false,
      });
    }
    // A genuine mark fits the body it was made for only.
    const moved = await post(other, genuine);
    expect(await env.core.api.getDelivery({ id: moved })).toMatchObject({ retryOf: otherFirst, attempt: 2, resend: false });
  });

  it('sends other targets the request as stored, without the mark', async () => {
    const id = await deliver();
    const job = await env.core.api.resend({ deliveryId: id, to: env.target.url('/ok') });
    await env.core.resend.runner.wait(job.id);
    expect(env.target.received.at(-1)!.headers.map(([n]) => n.toLowerCase())).not.toContain('x-callback-inspector-resend');
  });

  it("groups a re-send's own attempts, so an endpoint that fails the first N lets its retry through", async () => {
    await env.core.api.putEndpoint({ name: 'flaky', response: { failFirst: 1 } });
    const id = Number(
      (await send(`${env.core.receiver.url}hooks/flaky/`, { headers: { 'content-type': 'application/json' }, body: seed })).headers[
        'x-callback-inspector-delivery'
      ],
    );
    const job = await env.core.api.resend({
      deliveryId: id,
      to: `${env.core.receiver.url}hooks/flaky/`,
      retry: { intervalMs: 60_000, maxRetries: 2, timeScale: 1000 },
    });
    expect(await env.core.resend.runner.wait(job.id)).toMatchObject({ succeeded: 1, attempts: 2 });
  });

  it("still joins a vendor retry to the vendor's first after a restart, not to a re-send in between", async () => {
    const dir = tempDir();
    try {
      let core = await startTestCore({ dataDir: dir.path });
      const post = async () =>
        Number(
          (await send(core.receiver.url, { headers: { 'content-type': 'application/json' }, body: seed })).headers[
            'x-callback-inspector-delivery'
          ],
        );
      const first = await post();
      const job = await core.api.resend({ deliveryId: first, to: core.receiver.url });
      await core.resend.runner.wait(job.id);
      await core.close();
      core = await startTestCore({ dataDir: dir.path });
      const retry = await post();
      expect((await core.api.getDelivery({ id: retry }))!).toMatchObject({ retryOf: first, attempt: 2, resend: false });
      await core.close();
    } finally {
      dir.remove();
    }
  });
});
