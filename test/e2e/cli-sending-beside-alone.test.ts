// The sending commands (send, send-bulk, replay-chain, curl, generate --to, fixtures replay) reach
// the core of their data directory one way (issue 17, item 1): beside a running `serve` over its API,
// alone through a core of their own. Run on two copies of one store, once each way, they must say
// the same, send the same requests and leave the same attempts behind, including for a delivery a
// stopped serve left pending (stored, not yet derived).
import Database from 'better-sqlite3';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/app.js';
import { openStore } from '../../main/core/store/index.js';
import { tempDir } from '../integration/support/core.js';
import { exportLine } from '../integration/support/export-line.js';
import { leavePending } from '../integration/support/leave-pending.js';
import { startTarget, type Received, type Target } from '../integration/support/target.js';
import { startServe, type Served } from './support/browser.js';
import { runCli, type CliResult } from './support/cli.js';

const T0 = Date.UTC(2024, 4, 22, 3, 0, 0);
const dir = tempDir('ci-sending-');
const work = dir.path;
let alone: string;
let beside: string;
let served: Served;
let target: Target;
let callee: string;
/** The id of the delivery left pending. */
let pendingId: number;

/** A stopped serve's last delivery: stored raw, not derived. */
function leaveOnePending(data: string, body: string): number {
  const store = openStore(join(data, DATABASE_FILE));
  try {
    return leavePending(store, [Buffer.from(body)], T0 + 3_600_000)[0]!;
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  const generated = await runCli('generate', '--calls', '6', '--redials', '6', '--seed', 'beside-alone', '--out', '-');
  const bodies = generated.stdout.trim().split('\n');
  callee = JSON.parse(bodies[0]!).Details[0].CalleeNumber;
  writeFileSync(
    join(work, 'chain.ndjson'),
    bodies
      .slice(0, 5)
      .map((b, i) => exportLine(i + 1, b, T0 + i * 60_000))
      .join('\n'),
  );
  const origin = join(work, 'origin');
  expect((await runCli('import', '--data', origin, join(work, 'chain.ndjson'))).status).toBe(0);
  pendingId = leaveOnePending(origin, bodies[5]!);
  alone = join(work, 'alone');
  beside = join(work, 'beside');
  cpSync(origin, alone, { recursive: true });
  cpSync(origin, beside, { recursive: true });
  served = await startServe(beside);
  target = await startTarget();
}, 180_000);
afterAll(async () => {
  await target?.close();
  await served?.stop();
  dir.remove();
});

/** What varies between two runs of one command by nature: durations, and the copy's own path. */
const steady = (text: string, data: string) =>
  text
    .replaceAll(data, 'DATA')
    .replace(/\b\d+(\.\d+)? ?ms\b/g, 'N ms')
    .replace(/\b\d+(\.\d+)? ?s\b/g, 'N s');

/** A request as the target saw it, without what the HTTP client varies (connection, date). */
const request = (r: Received) => ({
  method: r.method,
  path: r.path,
  headers: r.headers.filter(([name]) => !/^(host|connection|date|keep-alive)$/i.test(name)),
  body: r.body.toString('base64'),
});

/** Runs the command on one copy and returns what it said and the requests it made. */
async function run(data: string, ...args: string[]): Promise<{ out: CliResult; sent: ReturnType<typeof request>[] }> {
  const before = target.received.length;
  const r = await runCli(...args, '--data', data);
  const sent = target.received.slice(before).map(request);
  return { out: { status: r.status, stdout: steady(r.stdout, data), stderr: steady(r.stderr, data) }, sent };
}

/** The same command both ways: the same words, the same requests. */
async function same(...args: string[]) {
  const a = await run(alone, ...args);
  const b = await run(beside, ...args);
  expect(b).toEqual(a);
  expect(a.out.status, a.out.stderr).toBe(0);
  return a;
}

describe('sending commands beside a running serve and alone, the same', { timeout: 180_000 }, () => {
  it('send <id>, as stored and re-signed, including the delivery left pending', async () => {
    const stored = await same('send', '1', '--to', target.url('/ok'));
    expect(stored.sent).toHaveLength(1);
    expect(stored.out.stdout).toMatch(/^attempt 1: HTTP 200 in N ms$/m);
    const resigned = await same('send', String(pendingId), '--to', target.url('/ok'), '--key', 's3cret');
    expect(resigned.sent).toHaveLength(1);
    expect(JSON.parse(Buffer.from(resigned.sent[0]!.body, 'base64').toString()).Sign).toMatch(/^[0-9a-f]{32}$/);
  });

  it('send-bulk of chosen deliveries', async () => {
    const r = await same('send-bulk', '--ids', '1,2,3', '--to', target.url('/ok'), '--concurrency', '1');
    expect(r.sent.map((s) => s.body)).toHaveLength(3);
  });

  it('replay-chain --callee: the five imported deliveries and the one left pending, in order', async () => {
    const r = await same('replay-chain', '--callee', callee, '--to', target.url('/ok'), '--speed', 'max');
    expect(r.sent).toHaveLength(6);
    expect(r.out.stdout).toMatch(/6 delivered, 0 failed/);
  });

  it('curl of a delivery and of a re-send attempt', async () => {
    const delivery = await same('curl', '2', '--to', 'http://example.test/hook');
    expect(delivery.out.stdout).toMatch(/^curl /);
    const attempt = await same('curl', '--attempt', '1');
    expect(attempt.out.stdout).toContain(target.url('/ok'));
  });

  it('fixtures replay of an exported folder', async () => {
    const folder = join(work, 'fixtures');
    mkdirSync(folder);
    expect((await runCli('fixtures', 'export', '--ids', '1,2', '--out', folder, '--data', alone)).status).toBe(0);
    const r = await same('fixtures', 'replay', folder, '--to', target.url('/ok'), '--speed', 'max');
    expect(r.sent).toHaveLength(2);
  });

  it('generate --to, and what both stores hold afterwards', async () => {
    const r = await same('generate', '--calls', '3', '--seed', 'g', '--to', target.url('/ok'));
    expect(r.sent).toHaveLength(3);
    // Every attempt above is in both stores, the same.
    const attempts = (data: string) => {
      // A read-only look beside the running serve (WAL lets a reader in).
      const db = new Database(join(data, DATABASE_FILE), { readonly: true });
      try {
        return db.prepare('SELECT id, job_id, delivery_id, attempt, url, method, response_status FROM sends ORDER BY id').all();
      } finally {
        db.close();
      }
    };
    const a = attempts(alone);
    expect(a.length).toBe(16);
    expect(attempts(beside)).toEqual(a);
  });
});
