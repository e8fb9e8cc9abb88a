// The sending commands as a new user runs them: the built CLI against `serve`'s data dir and a local
// server that fails on purpose. Attempts the CLI makes are readable through serve's API afterwards.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../integration/support/http.js';
import { startTarget, type Target } from '../integration/support/target.js';
import { startServe, type Served } from './support/browser.js';
import { formatMs } from '../../main/hosts/cli/send.js';
import { bin, runCli } from './support/cli.js';
import { spawn } from 'node:child_process';
import { exportLine } from '../integration/support/export-line.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
let served: Served;
let target: Target;
let token: string;

const cli = runCli;

async function api(op: string, input: unknown) {
  const ui = new URL(served.ui);
  const res = await send(`${ui.origin}/api/${op}`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return JSON.parse(res.body).result;
}

beforeAll(async () => {
  served = await startServe();
  token = decodeURIComponent(new URL(served.ui).hash.replace('#token=', ''));
  target = await startTarget();
}, 60_000);
afterAll(async () => {
  await target.close();
  await served?.stop();
});

describe('send, replay-chain, generate from the command line', () => {
  it('send with the vendor policy: fails twice, then 200; three attempts printed, stored and readable from serve', async () => {
    const res = await send(served.receiver, { headers: { 'content-type': 'application/json' }, body: seed });
    const id = res.headers['x-callback-inspector-delivery'] as string;
    const r = await cli('send', id, '--to', target.url('/flaky/2'), '--retry-policy', '--time-scale', '600', '--data', served.dataDir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /attempt 1: HTTP 500[\s\S]*next attempt in 100 ms[\s\S]*attempt 2: HTTP 500[\s\S]*attempt 3: HTTP 200[\s\S]*delivered on attempt 3/,
    );
    const attempts = await api('listSends', { deliveryId: Number(id) });
    expect(attempts.map((a: { attempt: number; responseStatus: number }) => [a.attempt, a.responseStatus])).toEqual([
      [3, 200],
      [2, 500],
      [1, 500],
    ]);
  });

  it("send to the running serve's own receiver is stored as a re-send, not as the vendor retrying", async () => {
    const res = await send(served.receiver, { headers: { 'content-type': 'application/json' }, body: seed });
    const id = Number(res.headers['x-callback-inspector-delivery']);
    const r = await cli('send', String(id), '--to', served.receiver, '--data', served.dataDir);
    expect(r.status).toBe(0);
    const [copy] = (await api('listDeliveries', { limit: 1 })).items;
    expect(copy.id).toBeGreaterThan(id);
    expect(copy).toMatchObject({ resend: true, retryOf: null, attempt: 1 });
  });

  it('send into a reader that leaves early (| head -1) says attempts were abandoned: exit 141 under pipefail', async () => {
    const res = await send(served.receiver, { headers: { 'content-type': 'application/json' }, body: seed });
    const id = res.headers['x-callback-inspector-delivery'] as string;
    const command = `set -o pipefail; node ${bin} send ${id} --to ${target.url('/fail')} --max-retries 5 --time-scale 600 --data ${served.dataDir} | head -1`;
    // Not spawnSync: the target answering the attempts runs on this test's event loop.
    const child = spawn('bash', ['-c', command]);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(out).toMatch(/^sending delivery #\d+ → /);
    expect(err).not.toMatch(/EPIPE|Error/);
    expect(status).toBe(141);
  });

  it('send counts the retries left in words that agree with the number', async () => {
    const res = await send(served.receiver, { headers: { 'content-type': 'application/json' }, body: seed });
    const id = res.headers['x-callback-inspector-delivery'] as string;
    const r = await cli('send', id, '--to', target.url('/fail'), '--max-retries', '2', '--time-scale', '600', '--data', served.dataDir);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes('left'))).toEqual([
      '  next attempt in 100 ms (vendor policy: 2 retries left)',
      '  next attempt in 100 ms (vendor policy: 1 retry left)',
    ]);
  });

  it('send exits 1 when not delivered, and explains bad input', async () => {
    const failed = await cli('send', '1', '--to', target.url('/fail'), '--data', served.dataDir);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/attempt 1: HTTP 500[\s\S]*not delivered after 1 attempt/);
    const cases: Array<[string[], RegExp]> = [
      [['send', '1', '--data', served.dataDir], /required option '--to <url>'/],
      [['send', '1', '--to', 'ftp://x/', '--data', served.dataDir], /--to: expected an absolute http/],
      [['send', '424242', '--to', target.url('/ok'), '--data', served.dataDir], /there is no delivery #424242/],
      [['send', 'missing.json', '--to', target.url('/ok'), '--data', served.dataDir], /no such file: missing.json/],
      [['send', '1', '--to', target.url('/ok'), '--time-scale', 'fast', '--data', served.dataDir], /greater than 0/],
      [['replay-chain', '--to', target.url('/ok'), '--data', served.dataDir], /--callee <number> or --ids/],
      [['generate', '--calls', '3'], /--to <url> to send, or --out/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect((await cli('--help')).stdout).toMatch(/send[\s\S]*send-bulk[\s\S]*replay-chain[\s\S]*generate[\s\S]*curl/);
  });

  it('replay-chain sends a 5-call chain in its original order', async () => {
    const out = await cli('generate', '--calls', '5', '--redials', '5', '--seed', 'e2e', '--out', '-');
    const bodies = out.stdout.trim().split('\n');
    expect(bodies).toHaveLength(5);
    const file = join(served.dataDir, 'chain.ndjson');
    writeFileSync(
      file,
      bodies
        .map((b, i) =>
          exportLine(900 + i, b, Date.UTC(2024, 4, 22, 3, 0, i * 60), {
            headers: [
              ['Host', 'customer.example'],
              ['Content-Type', 'application/json'],
            ],
          }),
        )
        .join('\n'),
    );
    expect((await cli('import', '--data', served.dataDir, file)).status).toBe(0);
    const callee = JSON.parse(bodies[0]!).Details[0].CalleeNumber;
    const before = target.received.length;
    const r = await cli('replay-chain', '--callee', callee, '--to', target.url('/ok'), '--speed', '6000', '--data', served.dataDir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/5 deliveries, 6000×[\s\S]*#5 delivery \d+ at \+40 ms[\s\S]*5 delivered, 0 failed/);
    expect(target.received.slice(before).map((x) => x.body.toString())).toEqual(bodies);

    // Spaced by the calls' own start times instead: the generator's gaps, not the import's.
    const starts = bodies.map((b) => Date.parse(JSON.parse(b).Details[0].CallStartTime));
    const byCall = await cli(
      'replay-chain',
      '--callee',
      callee,
      '--spacing',
      'call-time',
      '--to',
      target.url('/ok'),
      '--speed',
      '1000000',
      '--data',
      served.dataDir,
    );
    expect(byCall.status).toBe(0);
    expect(byCall.stdout).toContain('by call time');
    expect(byCall.stdout).toMatch(
      new RegExp(`#5 delivery \\d+ at \\+${formatMs((starts[4]! - starts[0]!) / 1_000_000).replace('.', '\\.')}\n`),
    );
    expect(
      (await cli('replay-chain', '--callee', callee, '--spacing', 'start', '--to', target.url('/ok'), '--data', served.dataDir)).stderr,
    ).toMatch(/--spacing.*arrival, call-time/);
  });

  it('generate is reproducible by seed and sends with a summary; exit 1 when the receiver fails', async () => {
    const a = await cli('generate', '--calls', '20', '--redials', '4', '--seed', 's1', '--out', '-');
    const b = await cli('generate', '--calls', '20', '--redials', '4', '--seed', 's1', '--out', '-');
    expect(a.stdout).toBe(b.stdout);
    const ok = await cli('generate', '--calls', '30', '--to', target.url('/ok'), '--concurrency', '4', '--data', served.dataDir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/30 delivered, 0 failed/);
    const bad = await cli('generate', '--calls', '3', '--to', target.url('/fail'), '--data', served.dataDir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/0 delivered, 3 failed \(500: 3\)/);
  });
});
