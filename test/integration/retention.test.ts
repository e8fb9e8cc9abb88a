// Retention deletes only what the user's settings exclude, with the body, calls and search entry.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('retention', () => {
  it('keeps everything until a limit is set, then keeps the newest N with their indexes', async () => {
    const c = await startTestCore();
    cleanup = c.cleanup;
    for (let i = 0; i < 5; i++) await send(c.receiver.url, { body: JSON.stringify({ TaskID: `t${i}`, Sign: 's', TaskName: `keepme${i}`, Details: [{ CallID: `c${i}`, CalleeNumber: '+1' }] }) });
    expect((await c.api.getSettings({})).retentionCount).toBe(0);
    expect((await c.api.listDeliveries({})).items).toHaveLength(5);

    expect(await c.api.putSettings({ retentionCount: 2 })).toMatchObject({ retentionCount: 2 });
    const left = (await c.api.listDeliveries({})).items;
    expect(left.map((d) => d.taskName)).toEqual(['keepme4', 'keepme3']);
    expect((await c.api.listDeliveries({ filter: { text: 'keepme0' } })).items).toEqual([]);
    expect((await c.api.findCalls({ callee: '+1' })).map((call) => call.callId).sort()).toEqual(['c3', 'c4']);
    const orphans = c.store.db.prepare('SELECT COUNT(*) AS n FROM bodies WHERE delivery_id NOT IN (SELECT id FROM deliveries)').get() as { n: number };
    expect(orphans.n).toBe(0);
  });

  it('drops deliveries older than the age limit and keeps the recent ones', async () => {
    const c = await startTestCore();
    cleanup = c.cleanup;
    await send(c.receiver.url, { body: '{"old":true}' });
    c.store.db.prepare('UPDATE deliveries SET received_at = received_at - 3 * 86400000').run();
    await send(c.receiver.url, { body: '{"new":true}' });
    await c.api.putSettings({ retentionDays: 2 });
    expect((await c.api.listDeliveries({})).items).toHaveLength(1);
  });
});
