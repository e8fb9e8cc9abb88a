// The store file: created and migrated from nothing, refused when newer than the app.
import Database from 'better-sqlite3';
import { statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../main/core/store/migrations/index.js';
import { openStore } from '../../main/core/store/index.js';
import { tempDir } from './support/core.js';

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
const file = () => {
  const d = tempDir();
  dirs.push(d);
  return join(d.path, 'sub', 'store.db');
};

describe('store file', () => {
  it('creates its folder and file and migrates an empty file to the latest schema, in WAL mode', () => {
    const f = file();
    const store = openStore(f);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
    // Deliveries hold personal data: the folder the store created is the user's alone.
    expect(statSync(dirname(f)).mode & 0o777).toBe(0o700);
    writeFileSync(f + '-empty', '');
    const empty = openStore(f + '-empty');
    expect(empty.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    empty.close();
  });

  it('opens an already migrated file again without re-running migrations', () => {
    const f = file();
    openStore(f).close();
    const again = openStore(f);
    expect(again.list({}, 10).items).toEqual([]);
    again.close();
  });

  it('refuses a file from a newer version of the app with a message saying what to do', () => {
    const f = file();
    openStore(f).close();
    const db = new Database(f);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openStore(f)).toThrow(/newer than this app knows.*Update Callback Inspector/);
  });

  it('looks calls up by CallID and callee number through indexes, not scans', () => {
    const store = openStore(file());
    const plan = (sql: string) =>
      store.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((r: any) => r.detail)
        .join(' | ');
    expect(plan(`SELECT * FROM calls WHERE call_id = 'x'`)).toMatch(/USING INDEX calls_call_id/);
    expect(plan(`SELECT * FROM calls WHERE callee_number = 'x'`)).toMatch(/USING INDEX calls_callee/);
    expect(plan(`SELECT * FROM deliveries WHERE task_id = 'x'`)).toMatch(/USING INDEX deliveries_task/);
    expect(plan(`SELECT * FROM calls WHERE status = 'x'`)).toMatch(/USING INDEX calls_status/);
    expect(plan(`SELECT * FROM calls WHERE intention = 'x'`)).toMatch(/USING INDEX calls_intention/);
    expect(plan(`SELECT * FROM deliveries WHERE received_at > 5 ORDER BY received_at DESC`)).toMatch(/USING INDEX deliveries_received/);
    store.close();
  });

  it('keeps the TaskID and retry_of indexes usable with bound values though they leave NULLs out', () => {
    const store = openStore(file());
    const plan = (sql: string) =>
      store.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(7, 7)
        .map((r: any) => r.detail)
        .join(' | ');
    expect(plan(`SELECT * FROM deliveries WHERE task_id = ? OR task_id = ?`)).toMatch(/USING INDEX deliveries_task/);
    expect(plan(`SELECT id FROM deliveries WHERE id = ? OR retry_of = ? ORDER BY received_at, id`)).toMatch(
      /USING INDEX deliveries_retry_of/,
    );
    // Only rows with a value are in them: a first attempt costs the receiver's commit no leaf write there.
    const partial = store.db
      .prepare<[], { name: string; partial: number }>(`SELECT name, partial FROM pragma_index_list('deliveries')`)
      .all();
    expect(
      partial
        .filter((i) => i.partial === 1)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['deliveries_pending', 'deliveries_retry_of', 'deliveries_task']);
    store.close();
  });
});
