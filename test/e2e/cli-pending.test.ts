// Deliveries a stopped serve left pending (stored, not yet derived) are found by the commands run
// without a serve: they reach the core through a core of their own, which derives them first
// (issue 17, item 1). Before, `wait` read SQLite itself and never saw them until serve ran again.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/app.js';
import { openStore } from '../../main/core/store/index.js';
import { tempDir } from '../integration/support/core.js';
import { leavePending } from '../integration/support/leave-pending.js';
import { send } from '../integration/support/http.js';
import { startTarget } from '../integration/support/target.js';
import { bin, runCli } from './support/cli.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const SEED_CALL_ID = '6dbf57adc3ecf4f4bfd5efe85ccad659';
const callIdOf = (i: number) => i.toString(16).padStart(32, '0');

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** What a serve killed right after its commits leaves: `n` call-ends stored raw, still `pending`. */
function leftPending(n: number): string {
  const dir = tempDir('ci-pending-');
  dirs.push(dir);
  const store = openStore(join(dir.path, DATABASE_FILE));
  leavePending(
    store,
    Array.from({ length: n }, (_, i) => Buffer.from(seed.replace(SEED_CALL_ID, callIdOf(i)))),
  );
  expect(store.db.prepare("SELECT count(*) AS n FROM deliveries WHERE kind = 'pending'").get()).toEqual({ n });
  store.close();
  return dir.path;
}

const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('deliveries left pending by a stopped serve, with no serve running', { timeout: 90_000 }, () => {
  it('wait --include-existing --match CallID:… finds one (it used to time out while export showed it)', () => {
    const dir = leftPending(50);
    const r = cli('wait', '--data', dir, '--include-existing', '--match', `CallID:${callIdOf(42)}`, '--timeout', '20');
    expect(r.stderr).not.toMatch(/timed out/);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ id: 43, kind: 'call-end', callCount: 1 });
    expect(out.body.Details[0].CallID).toBe(callIdOf(42));
    // And the store is left derived: the next command needs no deriving.
    const store = openStore(join(dir, DATABASE_FILE));
    expect(store.db.prepare("SELECT count(*) AS n FROM deliveries WHERE kind = 'pending'").get()).toEqual({ n: 0 });
    store.close();
  });
});

describe('sending commands on deliveries left pending, with no serve running', { timeout: 90_000 }, () => {
  it('replay-chain --callee finds the callee in deliveries not yet derived (it used to say no delivery mentions it)', async () => {
    const dir = leftPending(4);
    const target = await startTarget();
    try {
      const r = await runCli('replay-chain', '--callee', '+6212345678', '--to', target.url('/ok'), '--speed', 'max', '--data', dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^ {2}#4 delivery 4 at \+/m);
      expect(r.stdout).toMatch(/4 delivered, 0 failed/);
      expect(target.received.map((q) => JSON.parse(q.body.toString()).Details[0].CallID)).toEqual([0, 1, 2, 3].map(callIdOf));
    } finally {
      await target.close();
    }
  });

  it('send <id> reaches a delivery whose derivation was pending, and records its attempt in the store', async () => {
    const dir = leftPending(2);
    const target = await startTarget();
    try {
      const r = await runCli('send', '2', '--to', target.url('/ok'), '--data', dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^attempt 1: HTTP 200 in \d+ ms$/m);
      expect(target.received[0]!.body.toString()).toContain(callIdOf(1));
      const store = openStore(join(dir, DATABASE_FILE));
      expect(store.db.prepare('SELECT delivery_id AS id, response_status AS status FROM sends').all()).toEqual([{ id: 2, status: 200 }]);
      store.close();
    } finally {
      await target.close();
    }
  });
});

describe('wait beside a running serve and alone', { timeout: 90_000 }, () => {
  it('gives the same answer both ways', async () => {
    const dir = leftPending(3);
    const serve = spawn(process.execPath, [bin, 'serve', '--port', '0', '--ui-port', '0', '--quiet', '--data', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let receiver = '';
      for await (const line of createInterface({ input: serve.stdout! })) {
        const m = /^receiver: (\S+)$/.exec(line);
        if (m) receiver = m[1]!;
        if (line.startsWith('ui: ')) break;
      }
      await send(receiver, { body: seed });
      // The note that sends `wait` through the serve's API (core-access.ts) instead of a core of its own.
      const note = JSON.parse(readFileSync(join(dir, 'callback-inspector.running.json'), 'utf8'));
      expect(note).toMatchObject({
        pid: serve.pid,
        receiverUrl: receiver,
        apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/),
        tokenFile: join(dir, 'api-token'),
      });
      const args = ['wait', '--data', dir, '--include-existing', '--match', `CallID:${SEED_CALL_ID}`, '--timeout', '20'];
      const beside = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const w = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
        let stdout = '';
        w.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
        w.once('close', (code) => resolve({ code, stdout }));
      });
      expect(beside.code).toBe(0);
      serve.kill('SIGTERM');
      await once(serve, 'close');
      const alone = cli(...args);
      expect(alone.status).toBe(0);
      expect(JSON.parse(alone.stdout)).toEqual(JSON.parse(beside.stdout));
      expect(JSON.parse(alone.stdout)).toMatchObject({ id: 4, kind: 'call-end' });
    } finally {
      serve.kill('SIGKILL');
    }
  });
});
