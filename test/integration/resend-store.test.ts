// Migration 0002 (re-send jobs and attempts), started from a v1 file as a user upgrading has it.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql as v1 } from '../../main/core/store/migrations/0001-initial.js';
import { migrations } from '../../main/core/store/migrations/index.js';
import { openStore } from '../../main/core/store/index.js';
import { JobRunner } from '../../main/core/resend/jobs.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { tempDir } from './support/core.js';

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function v1File(): string {
  const d = tempDir();
  dirs.push(d);
  const file = join(d.path, 'store.db');
  const db = new Database(file);
  db.exec(v1);
  db.pragma('user_version = 1');
  db.prepare(
    `INSERT INTO deliveries (id, received_at, endpoint, method, path, query, headers, remote_address, size, sha256, truncated,
       kind, call_count, status_summary, error_count, warning_count, problems, sign_status, sign, response, attempt)
     VALUES (7, 1, 'default', 'POST', '/', '', '[]', '127.0.0.1', 2, 'x', 0, 'json', 0, '{}', 0, 0, '[]', 'not-checked', '{}', '{}', 1)`,
  ).run();
  db.close();
  return file;
}

/** Nothing here may fail on the side: a failure is the test's. */
const unexpected = (error: unknown) => {
  throw error;
};

const outcome = {
  requestHeaders: [['Host', 'h']] as Array<[string, string]>,
  status: 200,
  responseHeaders: [],
  responseBody: Buffer.from('{}'),
  responseSize: 2,
  responseTruncated: false,
  durationMs: 1,
  errorClass: null,
  errorMessage: null,
  startedAt: 1,
  finishedAt: 2,
};

describe('migration 0002: sends', () => {
  it('upgrades a v1 file, keeping its deliveries; attempts outlive a deleted delivery (delivery id becomes null)', async () => {
    const store = openStore(v1File());
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.deliveries.get(7)?.id).toBe(7);

    const runner = new JobRunner(store, new EventBus(unexpected), unexpected);
    const job = runner.start('resend', 'test', {}, 1, async (ctx) => {
      ctx.itemDone(ctx.record({ item: 0, deliveryId: 7, attempt: 1, url: 'http://h/', method: 'POST', body: Buffer.from('{}'), outcome }));
    });
    expect(await runner.wait(job.id)).toMatchObject({ state: 'done', succeeded: 1 });
    store.removeDeliveries([7]);
    expect(store.deliveries.get(7)).toBeUndefined();
    expect(store.sends.list({ jobId: job.id, limit: 10 })).toMatchObject([{ deliveryId: null, responseStatus: 200, ok: true }]);
    store.close();
  });

  it('marks jobs of a stopped process as interrupted when the store is next used, never those of a live one', async () => {
    const file = v1File();
    const store = openStore(file);
    // A pid that is surely gone: a child that has exited.
    const { spawnSync } = await import('node:child_process');
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const orphan = store.sends.createJob('bulk', 'left running', {}, 10, 1, gone);
    const live = store.sends.createJob('bulk', 'running in serve', {}, 10, 1, process.pid);
    store.close();
    const again = openStore(file);
    new JobRunner(again, new EventBus(unexpected), unexpected);
    expect(again.sends.job(orphan)).toMatchObject({ state: 'interrupted' });
    expect(again.sends.job(live)).toMatchObject({ state: 'running' });
    again.close();
  });

  it('reports attempts it could not store through onError instead of dropping them unsaid, and the job goes on', async () => {
    const file = v1File();
    const store = openStore(file);
    store.db.pragma('busy_timeout = 50');
    const errors: unknown[] = [];
    const runner = new JobRunner(store, new EventBus(unexpected), (e) => errors.push(e));
    let goOn!: () => void;
    const job = runner.start('resend', 'test', {}, 1, async (ctx) => {
      const last = ctx.record({ item: 0, deliveryId: 7, attempt: 1, url: 'http://h/', method: 'POST', body: Buffer.from('{}'), outcome });
      // The queued attempt is written (and fails) on its timer while the job is still running.
      await new Promise<void>((resolve) => (goOn = resolve));
      ctx.itemDone(last);
    });
    // Another process holds the store's write lock longer than this store waits for it, from before
    // the attempt's timer (FLUSH_MS) fires.
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    await vi.waitFor(() => expect(errors.map(String)).toEqual(['Error: could not record 1 send attempts: database is locked']), {
      timeout: 5_000,
      interval: 10,
    });
    other.exec('ROLLBACK');
    other.close();
    goOn();
    expect(await runner.wait(job.id)).toMatchObject({ state: 'done', succeeded: 1 });
    expect(errors).toHaveLength(1);
    store.close();
  });
});
