// A store file at any schema version, holding the rows that version can hold, for migration tests.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrations } from '../../../main/core/store/migrations/index.js';
import { packJson } from '../../../main/core/store/packed-json.js';

export const migrationsFolder = fileURLToPath(new URL('../../../main/core/store/migrations/', import.meta.url));

/** The numbered migration files (`NNNN-kebab-name.ts`), in order. */
export const numberedMigrations = readdirSync(migrationsFolder)
  .filter((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f))
  .sort();

export const versionOf = (file: string) => Number(file.slice(0, 4));

/**
 * Applies migration `version` the way the runner does (store/db.ts `migrate`): its SQL and the new
 * user_version in one transaction. The runner only goes to the latest version; the list it walks is
 * importable, so tests take its steps one at a time instead of the runner growing a test-only stop.
 */
export function applyMigration(db: Database.Database, version: number): void {
  db.transaction(() => {
    db.exec(migrations[version - 1]!);
    db.pragma(`user_version = ${version}`);
  })();
}

/** A new store file at `version`, with the connection settings a migration runs under in the app. */
export function storeAtVersion(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (let v = 1; v <= version; v++) applyMigration(db, v);
  return db;
}

const body = readFileSync(fileURLToPath(new URL('../../fixtures/seed-example.json', import.meta.url)));
export const seededProblems = [
  { path: 'Details[0].RingType', severity: 'warning', code: 'unknown-enum', message: 'RingType "x" is not known' },
];
export const seededSign = { status: 'verified', scheme: 'md5', reason: 'Sign is md5 of {TaskID}{KEY}' };

/**
 * Writes what a store at `version` holds, as the app of that version wrote it: a derived call-end
 * delivery with its body, call, redial and search entry; a vendor retry of it; a delivery still
 * pending ingest; an endpoint and a setting; from v2 a re-send job and its attempt; from v4 a forward.
 */
export function seed(db: Database.Database, version: number): void {
  if (version < 1) return;
  const sha256 = createHash('sha256').update(body).digest('hex');
  const delivery = db.prepare(
    `INSERT INTO deliveries (id, received_at, endpoint, method, path, query, headers, remote_address, size, sha256,
       truncated, content_type, content_encoding, charset, kind, shape, task_id, task_name, plan_name, call_count,
       status_summary, error_count, warning_count, problems, sign_status, sign, response_status, response, retry_of, attempt)
     VALUES (@id, @received_at, 'default', 'POST', '/hook/default', '', @headers, '10.0.0.7', @size, @sha256,
       0, @content_type, NULL, @charset, @kind, @shape, @task_id, @task_name, @plan_name, @call_count,
       @status_summary, @error_count, @warning_count, @problems, @sign_status, @sign, 200, @response, @retry_of, @attempt)`,
  );
  const derived = {
    headers: JSON.stringify([
      ['Content-Type', 'application/json'],
      ['X-Forwarded-For', '203.0.113.9'],
    ]),
    size: body.byteLength,
    sha256,
    content_type: 'application/json',
    charset: 'utf-8',
    kind: 'call-end',
    shape: 'object',
    task_id: 'T1',
    task_name: 'Task-001',
    plan_name: 'Plan_001',
    call_count: 1,
    status_summary: JSON.stringify({ finished: 1 }),
    error_count: 0,
    warning_count: 1,
    problems: packJson(seededProblems),
    sign_status: 'verified',
    sign: packJson(seededSign),
    response: JSON.stringify({ status: 200, delayMs: 0, hung: false, reason: 'default' }),
  };
  delivery.run({ ...derived, id: 1, received_at: 1_700_000_000_000, retry_of: null, attempt: 1 });
  delivery.run({ ...derived, id: 2, received_at: 1_700_000_060_000, retry_of: 1, attempt: 2 });
  delivery.run({
    ...derived,
    id: 3,
    received_at: 1_700_000_120_000,
    sha256: createHash('sha256').update('{}').digest('hex'),
    size: 2,
    content_type: null,
    charset: null,
    kind: 'pending',
    shape: null,
    task_id: null,
    task_name: null,
    plan_name: null,
    call_count: 0,
    status_summary: '{}',
    warning_count: 0,
    problems: packJson([]),
    sign_status: 'not-checked',
    sign: packJson({ status: 'not-checked', scheme: 'none', reason: 'not yet checked' }),
    retry_of: null,
    attempt: 1,
  });
  const bodies = db.prepare(`INSERT INTO bodies (delivery_id, raw) VALUES (?, ?)`);
  bodies.run(1, body);
  bodies.run(2, body);
  bodies.run(3, Buffer.from('{}'));
  const call = db
    .prepare(
      `INSERT INTO calls (delivery_id, idx, call_id, callee_number, callee_name, task_id, status, intention, start_time,
         end_time, duration_sec, ring_type, ring_time, hangup_type, redial_count)
       VALUES (1, 0, '6dbf57adc3ecf4f4bfd5efe85ccad659', '+6212345678', 'name1', 'T1', 'finished', 'E',
         '2023-10-19T06:13:17Z', '2023-10-19T06:13:26Z', 9, 'normal', 3, 'ByCallee', 1)`,
    )
    .run();
  db.prepare(
    `INSERT INTO redials (call_row, delivery_id, call_idx, idx, call_id, callee_number, caller_number, start_time_raw,
       ring_type, ring_time, hangup_type, result_label)
     VALUES (?, 1, 0, 0, '138582ba03c98aeb04f2318cfa38c823', '+6212345678', '+6280000000', '2023-10-19 14:13:07',
       'busy', 0, 'ByCallee', 'busy')`,
  ).run(call.lastInsertRowid);
  db.prepare(`INSERT INTO search (rowid, text) VALUES (1, 'name1 +6212345678 C12345567 Halo ini Happy Planet')`).run();
  db.prepare(`INSERT INTO endpoints (name, config, updated_at) VALUES ('default', ?, 1700000000000)`).run(
    JSON.stringify({ respond: { mode: 'fixed', status: 200 } }),
  );
  db.prepare(`INSERT INTO settings (key, value) VALUES ('retentionCount', '5000')`).run();
  if (version >= 2) seedSend(db);
  if (version >= 4) {
    db.prepare(
      `INSERT INTO forwards (delivery_id, endpoint, mode, target, state, updated_at) VALUES (3, 'default', 'tee', 'http://127.0.0.1:9/app', 'pending', 1700000120000)`,
    ).run();
  }
}

/** A finished re-send job of delivery 1 and its one attempt (schema v2 on). */
export function seedSend(db: Database.Database): void {
  const job = db
    .prepare(
      `INSERT INTO send_jobs (kind, label, spec, state, total, pid, started_at) VALUES ('single', 'delivery 1', '{"ids":[1]}', 'done', 1, 4242, 1700000200000)`,
    )
    .run();
  db.prepare(
    `INSERT INTO sends (job_id, delivery_id, item, attempt, url, method, request_headers, request_body, response_status,
       response_headers, response_body, response_size, response_truncated, duration_ms, error_class, error_message,
       started_at, finished_at, ok)
     VALUES (?, 1, 0, 1, 'http://127.0.0.1:9/hook', 'POST', '[]', ?, 204, '[]', x'', 0, 0, 12.5, NULL, NULL,
       1700000200000, 1700000200013, 1)`,
  ).run(job.lastInsertRowid, body);
}

/** Every row of every table (the full-text index's own tables included), keyed by table; rows in a stable order. */
export type Contents = Record<string, Array<Record<string, unknown>>>;

export function contents(db: Database.Database): Contents {
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`,
    )
    .all();
  const out: Contents = {};
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>;
    out[name] = rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

/** The rows of `after` cut down to the columns each table had in `before`: what a migration must keep. */
export function keptOf(before: Contents, after: Contents): Contents {
  const out: Contents = {};
  for (const [table, rows] of Object.entries(before)) {
    const columns = rows[0] ? Object.keys(rows[0]) : [];
    out[table] = after[table]?.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]]))) ?? [];
  }
  return out;
}

export const indexesOf = (db: Database.Database, table: string) =>
  db
    .prepare<[], { name: string; partial: number }>(
      `SELECT name, partial FROM pragma_index_list('${table}') WHERE origin = 'c' ORDER BY name`,
    )
    .all();

export const columnsOf = (db: Database.Database, table: string) =>
  db
    .prepare<[], { name: string; type: string; notnull: number; dflt_value: string | null }>(
      `SELECT name, type, "notnull", dflt_value FROM pragma_table_info('${table}')`,
    )
    .all();

export const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r: any) => r.detail)
    .join(' | ');
