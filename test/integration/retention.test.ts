// Retention deletes only what the user's settings exclude, with the body, calls and search entry.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE } from '../../main/core/app.js';
import { startTestCore, tempDir } from './support/core.js';
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
    for (let i = 0; i < 5; i++)
      await send(c.receiver.url, {
        body: JSON.stringify({ TaskID: `t${i}`, Sign: 's', TaskName: `keepme${i}`, Details: [{ CallID: `c${i}`, CalleeNumber: '+1' }] }),
      });
    expect((await c.api.getSettings({})).retentionCount).toBe(0);
    expect((await c.api.listDeliveries({})).items).toHaveLength(5);

    expect(await c.api.putSettings({ retentionCount: 2 })).toMatchObject({ retentionCount: 2 });
    const left = (await c.api.listDeliveries({})).items;
    expect(left.map((d) => d.taskName)).toEqual(['keepme4', 'keepme3']);
    expect((await c.api.listDeliveries({ filter: { text: 'keepme0' } })).items).toEqual([]);
    expect((await c.api.findCalls({ callee: '+1' })).map((call) => call.callId).sort()).toEqual(['c3', 'c4']);
    const orphans = c.store.db.prepare('SELECT COUNT(*) AS n FROM bodies WHERE delivery_id NOT IN (SELECT id FROM deliveries)').get() as {
      n: number;
    };
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

  it('applies the settings again at the next start, in chunks, to what arrived since', async () => {
    const dir = tempDir();
    const first = await startTestCore({ dataDir: dir.path });
    await first.api.putSettings({ retentionCount: 300 });
    // Arrivals since the settings were saved: retention has not seen them yet.
    for (let i = 0; i < 450; i++) await send(first.receiver.url, { body: JSON.stringify({ n: i }) });
    expect((await first.api.listDeliveries({ limit: 1000 })).items).toHaveLength(450);
    await first.close();

    const again = await startTestCore({ dataDir: dir.path });
    cleanup = async () => {
      await again.close();
      dir.remove();
    };
    for (let i = 0; i < 200 && (await again.api.listDeliveries({ limit: 1000 })).items.length > 300; i++)
      await new Promise((r) => setTimeout(r, 25));
    const left = (await again.api.listDeliveries({ limit: 1000 })).items;
    expect(left).toHaveLength(300);
    expect(left.at(-1)!.id).toBe(151);
  });

  it("reports a sweep that fails on its own schedule through the core's onError, and the receiver goes on", async () => {
    const dir = tempDir();
    const first = await startTestCore({ dataDir: dir.path });
    await first.close();
    // A settings row nobody can read (edited by hand): the sweep at start cannot know its limits.
    const db = new Database(join(dir.path, DATABASE_FILE));
    db.prepare(`INSERT INTO settings (key, value) VALUES ('retentionDays', '{oops')`).run();
    db.close();

    const errors: unknown[] = [];
    const again = await startTestCore({ dataDir: dir.path, onError: (e) => errors.push(e) });
    cleanup = async () => {
      await again.close();
      dir.remove();
    };
    await vi.waitFor(() => expect(errors.map(String)).toEqual([expect.stringMatching(/^Error: retention failed: .*JSON/)]), {
      timeout: 10_000,
      interval: 25,
    });
    expect((await send(again.receiver.url, { body: '{}' })).status).toBe(200);
  });
});
