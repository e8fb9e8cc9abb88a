// Each migration, applied to a real store file left at the version before it with the rows that
// version holds: what it promises, and that everything stored before is still there afterwards.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../main/core/store/migrations/index.js';
import { openStore } from '../../main/core/store/index.js';
import { tempDir } from './support/core.js';
import {
  applyMigration,
  columnsOf,
  contents,
  indexesOf,
  keptOf,
  migrationsFolder,
  numberedMigrations,
  plan,
  seed,
  seedSend,
  seededProblems,
  seededSign,
  storeAtVersion,
  versionOf,
  type Contents,
} from './support/schema-versions.js';

interface Step {
  /** The store, migrated by the step under test. */
  db: Database.Database;
  /** What it held before the step. */
  before: Contents;
}

/** A test that gets `step`: a store at the version before `file`, seeded, then migrated by `file`. */
const stepTest = (file: string) =>
  it.extend<{ step: Step }>({
    // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern
    step: async ({}, use) => {
      const dir = tempDir();
      const version = versionOf(file);
      const db = storeAtVersion(join(dir.path, 'store.db'), version - 1);
      seed(db, version - 1);
      const before = contents(db);
      applyMigration(db, version);
      await use({ db, before });
      db.close();
      dir.remove();
    },
  });

const specified = new Set<string>();
/** The specification of one migration file; every numbered file must have one (checked below). */
function describeMigration(file: string, specify: (it: ReturnType<typeof stepTest>) => void) {
  specified.add(file);
  describe(`migration ${file}, applied to a store at version ${versionOf(file) - 1}`, () => specify(stepTest(file)));
}

const tableNames = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'search_%' ORDER BY name`)
    .all()
    .map((t) => t.name);
const ids = (db: Database.Database, sql: string, ...params: unknown[]) =>
  db
    .prepare<unknown[], { id: number }>(sql)
    .all(...params)
    .map((r) => r.id);

describe('the numbered migrations', () => {
  it('are listed in main/core/store/migrations/index.ts, one step per file, in the order of their numbers', async () => {
    expect(numberedMigrations.map(versionOf)).toEqual(migrations.map((_, i) => i + 1));
    for (const [i, file] of numberedMigrations.entries()) {
      const { sql } = (await import(join(migrationsFolder, file))) as { sql: string };
      expect(migrations[i], `${file} is step ${i + 1} of the runner's list`).toBe(sql);
    }
  });

  it('each have a specification in this file', () => {
    expect(
      numberedMigrations.filter((f) => !specified.has(f)),
      'write a describeMigration(...) for each of these',
    ).toEqual([]);
  });

  it.each(numberedMigrations)('%s keeps every row stored before it and leaves a consistent file', (file) => {
    const dir = tempDir();
    const db = storeAtVersion(join(dir.path, 'store.db'), versionOf(file) - 1);
    try {
      seed(db, versionOf(file) - 1);
      const before = contents(db);
      applyMigration(db, versionOf(file));
      expect(keptOf(before, contents(db))).toEqual(before);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
      dir.remove();
    }
  });

  // The real runner, from every version a user's file can be at, through the store's own reads.
  it.each(migrations.map((_, i) => i + 1))(
    'the app opens a store left at version %i, migrates it to the latest and reads what it held',
    (version) => {
      const dir = tempDir();
      const file = join(dir.path, 'store.db');
      const old = storeAtVersion(file, version);
      seed(old, version);
      old.close();
      const store = openStore(file);
      try {
        expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
        const [first, retry, pending] = [...store.allDeliveries()].map((d) => store.deliveries.detail(d.id)!);
        expect(first).toMatchObject({
          id: 1,
          taskId: 'T1',
          attempt: 1,
          retryOf: null,
          problems: seededProblems,
          signDetail: seededSign,
          resend: false,
        });
        expect(first!.forwarded).toEqual({ 'x-forwarded-for': '203.0.113.9' });
        expect(retry).toMatchObject({ id: 2, retryOf: 1, attempt: 2, resend: false });
        expect(pending).toMatchObject({ id: 3, kind: 'pending', taskId: null });
        expect(store.list({ text: 'name1' }, 10).items.map((d) => d.id)).toEqual([1]);
        expect(store.list({ taskId: 'T1' }, 10).items.map((d) => d.id)).toEqual([2, 1]);
        expect(store.list({ status: 'finished' }, 10).items.map((d) => d.id)).toEqual([1]);
        if (version >= 2) expect(store.sends.list({ deliveryId: 1, limit: 10 }).map((s) => s.responseStatus)).toEqual([204]);
        if (version >= 4) expect(store.forwards.of(3)).toMatchObject({ state: 'pending', mode: 'tee' });
      } finally {
        store.close();
        dir.remove();
      }
    },
  );
});

describeMigration('0001-initial.ts', (it) => {
  it('creates the tables a delivery is kept in, with the indexes the inbox and the call look-ups use', ({ step: { db } }) => {
    expect(tableNames(db)).toEqual(['bodies', 'calls', 'deliveries', 'endpoints', 'redials', 'search', 'settings']);
    expect(indexesOf(db, 'deliveries').map((i) => i.name)).toEqual([
      'deliveries_endpoint',
      'deliveries_received',
      'deliveries_retry_of',
      'deliveries_same_body',
      'deliveries_task',
    ]);
    expect(indexesOf(db, 'calls').map((i) => i.name)).toEqual(['calls_call_id', 'calls_callee', 'calls_intention', 'calls_status']);
    expect(indexesOf(db, 'redials').map((i) => i.name)).toEqual([
      'redials_call_id',
      'redials_call_row',
      'redials_callee',
      'redials_delivery',
    ]);
  });

  it('holds a delivery with its body, calls, redials and search entry, and removing it takes them along', ({ step: { db } }) => {
    seed(db, 1);
    expect(ids(db, `SELECT rowid AS id FROM search WHERE search MATCH 'name1'`)).toEqual([1]);
    db.prepare(`DELETE FROM deliveries WHERE id = 1`).run();
    for (const table of ['bodies', 'calls', 'redials']) {
      expect(ids(db, `SELECT delivery_id AS id FROM ${table} WHERE delivery_id = 1`), table).toEqual([]);
    }
    // A retry outlives the attempt it repeated.
    expect(db.prepare(`SELECT retry_of FROM deliveries WHERE id = 2`).get()).toEqual({ retry_of: null });
  });
});

describeMigration('0002-sends.ts', (it) => {
  it('adds re-send jobs and their attempts, with a job starting at no attempts made', ({ step: { db } }) => {
    expect(tableNames(db)).toEqual(expect.arrayContaining(['send_jobs', 'sends']));
    expect(indexesOf(db, 'sends').map((i) => i.name)).toEqual(['sends_delivery', 'sends_job']);
    const job = db
      .prepare(`INSERT INTO send_jobs (kind, label, spec, state, total, pid, started_at) VALUES ('single', 'x', '{}', 'running', 1, 1, 0)`)
      .run();
    expect(
      db.prepare(`SELECT completed, attempts, outcomes, notes, finished_at FROM send_jobs WHERE id = ?`).get(job.lastInsertRowid),
    ).toEqual({
      completed: 0,
      attempts: 0,
      outcomes: '{}',
      notes: '[]',
      finished_at: null,
    });
  });

  it('keeps an attempt readable when its delivery is removed, and removes it with its job', ({ step: { db } }) => {
    seedSend(db);
    db.prepare(`DELETE FROM deliveries WHERE id = 1`).run();
    expect(db.prepare(`SELECT delivery_id, response_status FROM sends`).all()).toEqual([{ delivery_id: null, response_status: 204 }]);
    db.prepare(`DELETE FROM send_jobs`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sends`).get()).toEqual({ n: 0 });
  });
});

describeMigration('0003-pending.ts', (it) => {
  it('indexes the deliveries pending ingest, those stored before it included, and only them', ({ step: { db } }) => {
    expect(indexesOf(db, 'deliveries')).toContainEqual({ name: 'deliveries_pending', partial: 1 });
    expect(ids(db, `SELECT id FROM deliveries INDEXED BY deliveries_pending WHERE kind = 'pending'`)).toEqual([3]);
    expect(plan(db, `SELECT MAX(id) AS id FROM deliveries WHERE kind = 'pending'`)).toMatch(/deliveries_pending/);
  });
});

describeMigration('0004-forwards.ts', (it) => {
  it('adds where each forwarded delivery stands, removed with its delivery', ({ step: { db } }) => {
    expect(columnsOf(db, 'forwards').map((c) => c.name)).toEqual(['delivery_id', 'endpoint', 'mode', 'target', 'state', 'updated_at']);
    expect(indexesOf(db, 'forwards').map((i) => i.name)).toEqual(['forwards_endpoint_state']);
    db.prepare(
      `INSERT INTO forwards (delivery_id, endpoint, mode, target, state, updated_at) VALUES (3, 'default', 'relay', 'http://x', 'pending', 0)`,
    ).run();
    db.prepare(`DELETE FROM deliveries WHERE id = 3`).run();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM forwards`).get()).toEqual({ n: 0 });
  });
});

describeMigration('0005-retry-index.ts', (it) => {
  it('drops the same-body index and no other', ({ step: { db } }) => {
    expect(indexesOf(db, 'deliveries').map((i) => i.name)).toEqual([
      'deliveries_endpoint',
      'deliveries_pending',
      'deliveries_received',
      'deliveries_retry_of',
      'deliveries_task',
    ]);
  });
});

describeMigration('0006-partial-indexes.ts', (it) => {
  it('makes the TaskID and retry_of indexes partial, built over the rows already stored', ({ step: { db } }) => {
    const partial = indexesOf(db, 'deliveries')
      .filter((i) => i.partial === 1)
      .map((i) => i.name);
    expect(partial).toEqual(['deliveries_pending', 'deliveries_retry_of', 'deliveries_task']);
    expect(ids(db, `SELECT id FROM deliveries INDEXED BY deliveries_task WHERE task_id = 'T1' ORDER BY id`)).toEqual([1, 2]);
    expect(ids(db, `SELECT id FROM deliveries INDEXED BY deliveries_retry_of WHERE retry_of = 1`)).toEqual([2]);
  });

  it('keeps them usable for a bound value and for the foreign key that clears a removed attempt', ({ step: { db } }) => {
    expect(plan(db, `SELECT * FROM deliveries WHERE task_id = ?`, 'T1')).toMatch(/USING INDEX deliveries_task/);
    expect(plan(db, `SELECT * FROM deliveries WHERE retry_of = ?`, 1)).toMatch(/USING INDEX deliveries_retry_of/);
    db.prepare(`DELETE FROM deliveries WHERE id = 1`).run();
    expect(db.prepare(`SELECT retry_of FROM deliveries WHERE id = 2`).get()).toEqual({ retry_of: null });
  });
});

describeMigration('0007-resend.ts', (it) => {
  it('flags no delivery stored before it as a re-send, nor a new row written as version 6 wrote them', ({ step: { db, before } }) => {
    expect(columnsOf(db, 'deliveries')).toContainEqual({ name: 'resend', type: 'INTEGER', notnull: 1, dflt_value: '0' });
    const v6Columns = Object.keys(before.deliveries![0]!)
      .filter((c) => c !== 'id')
      .join(', ');
    db.prepare(`INSERT INTO deliveries (id, ${v6Columns}) SELECT 4, ${v6Columns} FROM deliveries WHERE id = 1`).run();
    expect(db.prepare(`SELECT id, resend FROM deliveries ORDER BY id`).all()).toEqual([
      { id: 1, resend: 0 },
      { id: 2, resend: 0 },
      { id: 3, resend: 0 },
      { id: 4, resend: 0 },
    ]);
  });
});

describeMigration('0008-note-count.ts', (it) => {
  it('counts no notes for deliveries stored before it, nor for a row written as version 7 wrote them', ({ step: { db, before } }) => {
    expect(columnsOf(db, 'deliveries')).toContainEqual({ name: 'note_count', type: 'INTEGER', notnull: 1, dflt_value: '0' });
    const v7Columns = Object.keys(before.deliveries![0]!)
      .filter((c) => c !== 'id')
      .join(', ');
    db.prepare(`INSERT INTO deliveries (id, ${v7Columns}) SELECT 4, ${v7Columns} FROM deliveries WHERE id = 1`).run();
    expect(db.prepare(`SELECT id, note_count FROM deliveries ORDER BY id`).all()).toEqual([
      { id: 1, note_count: 0 },
      { id: 2, note_count: 0 },
      { id: 3, note_count: 0 },
      { id: 4, note_count: 0 },
    ]);
  });
});
