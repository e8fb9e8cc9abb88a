// The three problem tiers through the real core: what the vendor's own example does is a note, not a
// warning; the inbox counts every problem, those past the list's limit too; `has:` and export know notes.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLine } from '../../shared/export-format.js';
import type { DeliverySummary } from '../../shared/model.js';
import { parseSearch } from '../../shared/search-syntax.js';
import { MAX_CONTRACT_PROBLEMS } from '../../shared/contract/contract-check.js';
import { migrations } from '../../main/core/store/migrations/index.js';
import { openStore } from '../../main/core/store/index.js';
import { bigBody } from '../e2e/support/big-body.js';
import { startTestCore, tempDir } from './support/core.js';
import { send } from './support/http.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const json = { 'content-type': 'application/json' };

let core: Awaited<ReturnType<typeof startTestCore>>;
const ids: Record<string, number> = {};
let calls = 0;

beforeAll(async () => {
  core = await startTestCore();
  const post = async (name: string, body: string) => {
    const res = await send(core.receiver.url, { headers: json, body });
    ids[name] = Number(res.headers['x-callback-inspector-delivery']);
  };
  await post('example', seed);
  await post('deviation', seed.replace('"Status": "finished"', '"Status": "ringing"'));
  await post('error', seed.replace('"CallID": "6dbf57adc3ecf4f4bfd5efe85ccad659",', ''));
  const big = bigBody(2 * 1024 * 1024);
  calls = (JSON.parse(big) as { Details: unknown[] }).Details.length;
  await post('big', big);
}, 60_000);
afterAll(() => core?.cleanup());

const summary = async (name: string): Promise<DeliverySummary> => {
  const page = await core.api.listDeliveries({ limit: 10 });
  return page.items.find((d) => d.id === ids[name])!;
};
const matching = async (search: string) =>
  (await core.api.listDeliveries({ filter: parseSearch(search), limit: 10 })).items.map((d) => d.id).sort();

describe('problem tiers in the store and the inbox', () => {
  it("counts the vendor's own example as 0 errors, 0 warnings and 2 notes", async () => {
    expect(await summary('example')).toMatchObject({ errorCount: 0, warningCount: 0, noteCount: 2 });
    const detail = await core.api.getDelivery({ id: ids['example']! });
    expect(detail?.problems.map((p) => `${p.severity} ${p.code}`)).toEqual(['note ambiguous-timezone', 'note unknown-enum']);
  });

  it('still counts a real deviation as a warning and a missing field as an error', async () => {
    expect(await summary('deviation')).toMatchObject({ errorCount: 0, warningCount: 1, noteCount: 2 });
    expect(await summary('error')).toMatchObject({ errorCount: 1, warningCount: 0, noteCount: 2 });
  });

  it('counts the real total of a body with more problems than the list keeps, and lists its one warning', async () => {
    // Each call repeats the example's redial (two notes); the last call's id is beyond 2^53 (a warning).
    expect(calls * 2).toBeGreaterThan(MAX_CONTRACT_PROBLEMS + 1);
    expect(await summary('big')).toMatchObject({ errorCount: 0, warningCount: 1, noteCount: calls * 2 });
    const detail = await core.api.getDelivery({ id: ids['big']! });
    expect(detail?.problems.filter((p) => p.severity === 'warning').map((p) => p.code)).toEqual(['unsafe-integer']);
    expect(detail?.problems.at(-1)).toMatchObject({ severity: 'note', code: 'more-problems', count: calls * 2 - MAX_CONTRACT_PROBLEMS });
  });

  it('filters by tier: has:warnings and has:errors leave notes out, has:notes takes them, has:none is notes at most', async () => {
    expect(await matching('has:errors')).toEqual([ids['error']]);
    expect(await matching('has:warnings')).toEqual([ids['deviation'], ids['error'], ids['big']].sort());
    expect(await matching('has:notes')).toEqual(Object.values(ids).sort());
    expect(await matching('has:none')).toEqual([ids['example']]);
  });

  it('exports notes and the summary count in the NDJSON problems, as lines the export schema reads', async () => {
    const lines = (await core.api.exportNdjson({ ids: [ids['example']!, ids['big']!] }))
      .trim()
      .split('\n')
      .map((l) => exportLine.parse(JSON.parse(l)));
    expect(lines[0]!.problems.map((p) => p.severity)).toEqual(['note', 'note']);
    expect(lines[1]!.problems.at(-1)).toMatchObject({ severity: 'note', code: 'more-problems', count: calls * 2 - MAX_CONTRACT_PROBLEMS });
  });
});

describe('migration 0008: note counts', () => {
  it('upgrades a v7 file, whose rows then read 0 notes beside the counts they had', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'store.db');
      const db = new Database(file);
      for (const sql of migrations.slice(0, 7)) db.exec(sql);
      db.pragma('user_version = 7');
      db.prepare(
        `INSERT INTO deliveries (id, received_at, endpoint, method, path, query, headers, remote_address, size, sha256, truncated,
           kind, call_count, status_summary, error_count, warning_count, problems, sign_status, sign, response, attempt)
         VALUES (7, 1, 'default', 'POST', '/', '', '[]', '127.0.0.1', 2, 'x', 0, 'json', 0, '{}', 0, 2, '[]', 'not-checked', '{}', '{}', 1)`,
      ).run();
      db.close();
      const store = openStore(file);
      expect(store.db.pragma('user_version', { simple: true })).toBe(8);
      expect(store.list({}, 10).items).toMatchObject([{ id: 7, errorCount: 0, warningCount: 2, noteCount: 0 }]);
      store.close();
    } finally {
      dir.remove();
    }
  });
});
