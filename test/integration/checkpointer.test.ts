// The checkpointer's process reports what goes wrong through the core's onError: a process that
// cannot start (SQLite then checkpoints the WAL itself again) and a checkpoint that fails (a full
// disk), once per run of failures. A normal stop says nothing, nor does a Ctrl-C on the terminal. The full disk is a small tmpfs:
// mounting one needs root (CI runs as root); elsewhere that test is skipped and says so.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forkChild, type ChildHandle, type ChildLauncher } from '../../main/core/child-process.js';
import { startCheckpointer } from '../../main/core/store/checkpointer.js';
import { openStore } from '../../main/core/store/index.js';
import { tempDir } from './support/core.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function store() {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const s = openStore(join(dir.path, 'store.db'));
  cleanups.push(() => s.close());
  return s;
}

const autocheckpoint = (db: Database.Database) => db.pragma('wal_autocheckpoint', { simple: true });

describe('the checkpointer', () => {
  it('stops without reporting anything, having taken checkpoints from SQLite', async () => {
    const s = store();
    const errors: unknown[] = [];
    const checkpointer = startCheckpointer(s.db, { onError: (e) => errors.push(e) });
    expect(autocheckpoint(s.db)).toBe(0);
    await checkpointer.stop();
    expect(errors).toEqual([]);
  });

  it("outlives a Ctrl-C on serve's terminal (SIGINT to the whole process group) and goes on checkpointing", async () => {
    const s = store();
    const errors: unknown[] = [];
    let child: ChildHandle | undefined;
    const launch: ChildLauncher = (entry, o) => (child = forkChild(entry, o));
    const walLimit = 64 * 1024;
    const checkpointer = startCheckpointer(s.db, { launch, walLimit, onError: (e) => errors.push(e) });
    cleanups.push(() => checkpointer.stop());
    s.db.exec('CREATE TABLE t (b BLOB)');
    const wal = `${s.db.name}-wal`;
    // Past the limit only the checkpointer truncates the WAL (SQLite's own checkpoints are off).
    const truncated = async () => {
      s.db.prepare('INSERT INTO t VALUES (?)').run(randomBytes(256 * 1024));
      expect(statSync(wal).size).toBeGreaterThan(walLimit);
      await vi.waitFor(() => expect(statSync(wal).size).toBeLessThanOrEqual(walLimit), { timeout: 20_000, interval: 50 });
    };
    await truncated(); // it has started
    process.kill(child!.pid!, 'SIGINT');
    await truncated();
    expect(errors).toEqual([]);
  });

  it('reports a process that cannot start, and hands checkpoints back to SQLite', async () => {
    const s = store();
    const errors: unknown[] = [];
    const checkpointer = startCheckpointer(s.db, { nativeBinding: '/nonexistent/better_sqlite3.node', onError: (e) => errors.push(e) });
    cleanups.push(() => checkpointer.stop());
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 20_000, interval: 50 });
    expect(String(errors[0])).toMatch(/the checkpointer's process exited with code 1: .*nonexistent.*SQLite checkpoints the WAL itself/);
    expect(autocheckpoint(s.db)).toBe(1000);
  });
});

describe('the checkpointer on a full disk', () => {
  it('reports the checkpoint it cannot write, once while it keeps failing', async (ctx) => {
    const root = mkdtempSync(join(tmpdir(), 'ci-checkpoint-full-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', root], { encoding: 'utf8' });
    if (mount.status !== 0) {
      console.warn(`skipped: cannot mount a tmpfs here (${(mount.stderr || mount.error?.message || '').trim()}): needs root`);
      return ctx.skip();
    }
    cleanups.push(() => spawnSync('umount', [root]));
    // ~1 MB in the WAL that a checkpoint would copy into the main file, then no space left for it.
    const db = new Database(join(root, 'store.db'));
    cleanups.push(() => db.close());
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (b BLOB)');
    for (let i = 0; i < 8; i++) db.prepare('INSERT INTO t VALUES (?)').run(randomBytes(128 * 1024));
    const filler = join(root, 'filler');
    const fd = openSync(filler, 'w');
    try {
      for (;;) writeSync(fd, Buffer.alloc(16 * 1024));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    cleanups.push(() => rmSync(filler, { force: true }));

    const errors: unknown[] = [];
    const checkpointer = startCheckpointer(db, { intervalMs: 100, walLimit: 0, onError: (e) => errors.push(e) });
    // Its connection closed before the unmount, also when the test fails.
    cleanups.push(() => checkpointer.stop());
    await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
    expect(String(errors[0])).toMatch(/the checkpointer could not checkpoint the WAL \(it tries again\): database or disk is full/);
    // Ten more tries, every 100 ms, still failing: no more reports.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(errors).toHaveLength(1);
  });
});
