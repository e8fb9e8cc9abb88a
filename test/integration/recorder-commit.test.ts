// Group commit is bounded in bytes: deliveries that arrive in one turn share a transaction only up to
// COMMIT_BYTES of bodies, so a burst of large bodies does not hold the receiver's thread for seconds
// in one commit (forty 33 MB bodies had taken 9.5 s).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CapturedRequest } from '../../shared/model.js';
import type { Forwarder } from '../../main/core/forward/forwarder.js';
import { COMMIT_BYTES, createRecorder } from '../../main/core/receiver/recorder.js';
import { openStore } from '../../main/core/store/index.js';
import { tempDir } from './support/core.js';

const undo: Array<() => void> = [];
afterEach(() =>
  undo
    .splice(0)
    .reverse()
    .forEach((f) => f()),
);

function recorderOnStore() {
  const dir = tempDir();
  const store = openStore(join(dir.path, 'test.db'));
  undo.push(dir.remove, () => store.close());
  const batches: number[][] = [];
  const recordBatch = store.deliveries.recordBatch;
  store.deliveries.recordBatch = (items, one, failed) => {
    batches.push(items.map((a) => (a as { captured: CapturedRequest }).captured.body.byteLength));
    return recordBatch(items, one, failed);
  };
  const handle = createRecorder({ store, endpoint: () => undefined, onCommitted: () => {}, forwarder: {} as Forwarder });
  return { store, handle, batches };
}

/**
 * Another connection holding the write lock, and the store not waiting for it: as when the
 * checkpointer restarts the WAL under the receiver's BEGIN. `COMMIT` on the returned one lets go.
 */
function lockedByAnother(store: ReturnType<typeof openStore>): Database.Database {
  store.db.pragma('busy_timeout = 0');
  const other = new Database(store.db.name);
  undo.push(() => other.close());
  other.exec('BEGIN IMMEDIATE');
  return other;
}

const capture = (i: number, size: number): CapturedRequest => ({
  receivedAt: Date.now(),
  endpoint: 'default',
  method: 'POST',
  path: `/big/${i}`,
  query: '',
  headers: [],
  remoteAddress: '127.0.0.1',
  body: Buffer.alloc(size, 0x30 + i),
  truncated: false,
});

describe('group commit', () => {
  it(`splits one turn's arrivals into commits of at most ${COMMIT_BYTES / 2 ** 20} MiB of bodies, in arrival order`, async () => {
    const { store, handle, batches } = recorderOnStore();
    const size = Math.floor(COMMIT_BYTES / 3);
    const answers = await Promise.all(Array.from({ length: 7 }, (_, i) => handle(capture(i, size), 'none')));
    expect(batches).toEqual([[size, size, size], [size, size, size], [size]]);
    const ids = answers.map((a) => Number(a.headers['x-callback-inspector-delivery']));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const [i, id] of ids.entries()) expect(store.deliveries.body(id)?.equals(capture(i, size).body)).toBe(true);
  });

  it('commits a body larger than the cap on its own, and small ones together as before', async () => {
    const { handle, batches } = recorderOnStore();
    await Promise.all([
      handle(capture(0, 10), 'none'),
      handle(capture(1, COMMIT_BYTES + 1), 'none'),
      handle(capture(2, 10), 'none'),
      handle(capture(3, 10), 'none'),
    ]);
    expect(batches).toEqual([[10], [COMMIT_BYTES + 1], [10, 10]]);
  });

  it('a delivery whose write fails after its row was inserted costs only itself: the others of its commit are stored', async () => {
    const { store, handle } = recorderOnStore();
    const recordRaw = store.deliveries.recordRaw;
    store.deliveries.recordRaw = (c, decide) => {
      const written = recordRaw(c, decide);
      if (c.path === '/big/1') throw new Error('disk full');
      return written;
    };
    const outcomes = await Promise.allSettled([0, 1, 2, 3].map((i) => handle(capture(i, 10), 'none')));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const ids = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [Number(o.value.headers['x-callback-inspector-delivery'])] : []));
    expect(ids.map((id) => store.deliveries.get(id)?.path)).toEqual(['/big/0', '/big/2', '/big/3']);
    for (const [n, id] of ids.entries()) expect(store.deliveries.body(id)?.equals(capture([0, 2, 3][n]!, 10).body)).toBe(true);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM deliveries').get()).toEqual({ n: 3 });
  });

  it('tries a commit that found the store busy at once again shortly: the delivery is stored and answered', async () => {
    const { store, handle } = recorderOnStore();
    const other = lockedByAnother(store);
    const answered = handle(capture(0, 10), 'none');
    // After the first try (its turn came first), the other writer is done.
    setImmediate(() => other.exec('COMMIT'));
    const id = Number((await answered).headers['x-callback-inspector-delivery']);
    expect(store.deliveries.body(id)?.equals(capture(0, 10).body)).toBe(true);
  });

  it('answers an error, storing nothing, when the store stays busy', async () => {
    const { store, handle } = recorderOnStore();
    const other = lockedByAnother(store);
    await expect(handle(capture(0, 10), 'none')).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec('COMMIT');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM deliveries').get()).toEqual({ n: 0 });
  });
});
