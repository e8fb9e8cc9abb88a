// The inbox's row data and its total: each summary names its first call's callee and CallID (the
// pages, the live event and the detail alike), and countDeliveries gives the exact number of
// deliveries a filter matches, past any page.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../shared/model.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
/** The seed with its first call's callee and CallID replaced. */
const callTo = (callee: string, callId: string) =>
  seed.replaceAll('+6212345678', callee).replace('6dbf57adc3ecf4f4bfd5efe85ccad659', callId);
const callIdOf = (i: number) => i.toString(16).padStart(32, '0');

let core: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => {
  await core.cleanup();
});

describe('inbox rows', () => {
  it("carry the first call's callee and CallID in the page, the live event and the detail; null without calls", async () => {
    const announced: DeliverySummary[] = [];
    const off = core.events.on('deliveryReceived', (d) => announced.push(d));
    const withCall = Number(
      (await send(core.receiver.url, { body: callTo('+6281111111', callIdOf(0xabc)) })).headers['x-callback-inspector-delivery'],
    );
    const withoutCall = Number((await send(core.receiver.url, { body: '{"hello":"world"}' })).headers['x-callback-inspector-delivery']);
    const page = await core.api.listDeliveries({ limit: 2 });
    off();
    const byId = new Map(page.items.map((d) => [d.id, d]));
    expect(byId.get(withCall)).toMatchObject({ callee: '+6281111111', callId: callIdOf(0xabc) });
    expect(byId.get(withoutCall)).toMatchObject({ callee: null, callId: null });
    expect(announced.find((d) => d.id === withCall)).toMatchObject({ callee: '+6281111111', callId: callIdOf(0xabc) });
    expect(await core.api.getDelivery({ id: withCall })).toMatchObject({ callee: '+6281111111', callId: callIdOf(0xabc) });
  });
});

describe('countDeliveries', () => {
  it('counts every delivery a filter matches, beyond one page, with summary-level, call-level and full-text filters', async () => {
    const before = (await core.api.countDeliveries({})).total;
    for (let i = 0; i < 230; i++) {
      const body = i % 10 === 0 ? callTo('+6299999999', callIdOf(i)).replace('"finished"', '"failed"') : callTo('+6288888888', callIdOf(i));
      await send(`${core.receiver.url}hooks/${i % 2 ? 'odd' : 'even'}/`, { body });
    }
    // One listing page holds 200 at most; the count is every one of them.
    expect((await core.api.listDeliveries({ limit: 200 })).nextCursor).not.toBeNull();
    expect((await core.api.countDeliveries({})).total).toBe(before + 230);
    expect((await core.api.countDeliveries({ filter: { endpoint: 'odd' } })).total).toBe(115);
    expect((await core.api.countDeliveries({ filter: { status: 'failed' } })).total).toBe(23);
    expect((await core.api.countDeliveries({ filter: { callee: '+6288888888', endpoint: 'even' } })).total).toBe(115 - 23);
    expect((await core.api.countDeliveries({ filter: { text: 'pengiriman', endpoint: 'odd' } })).total).toBe(115);
    expect((await core.api.countDeliveries({ filter: { callId: callIdOf(7) } })).total).toBe(1);
    expect((await core.api.countDeliveries({ filter: { callId: 'nothing-like-it' } })).total).toBe(0);
  });

  it('refuses a filter it does not know, as listDeliveries does', async () => {
    await expect(core.api.countDeliveries({ filter: { colour: 'red' } as never })).rejects.toThrow(/invalid input for countDeliveries/);
  });
});
