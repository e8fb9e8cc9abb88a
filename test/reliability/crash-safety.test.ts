// Acknowledged means stored: `serve` is killed with SIGKILL under load from another process; after a
// restart on the same data dir, every delivery that got a 200 is there, byte-identical.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../integration/support/core.js';
import { bodyFor } from './bodies.mjs';

const bin = new URL('../../bin/callback-inspector.js', import.meta.url).pathname;
const client = new URL('./load-client.mjs', import.meta.url).pathname;
/** CRASH_SAFETY_LONG=1 runs a longer, heavier round. */
const long = Boolean(process.env.CRASH_SAFETY_LONG);
const COUNT = long ? 20_000 : 1_500;
const RATE = long ? 800 : 300;

const dirs: Array<{ remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

async function serve(data: string) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--ui-port', '0', '--data', data], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /^receiver: (\S+)$/.exec(line);
    if (m) return { child, url: m[1]! };
  }
  throw new Error('serve printed no receiver URL');
}

describe('crash safety', () => {
  it(`keeps every acknowledged delivery through a kill -9 at ${RATE} deliveries/s`, async () => {
    const dir = tempDir('ci-crash-');
    dirs.push(dir);
    const server = await serve(dir.path);
    const load = spawn(process.execPath, [client, server.url, String(COUNT), String(RATE)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: number[] = [];
    const killAfter = Math.floor(COUNT / 3);
    const finished = new Promise<void>((resolve) => load.once('exit', () => resolve()));
    for await (const line of createInterface({ input: load.stdout! })) {
      acked.push(Number(line.slice(4)));
      if (acked.length === killAfter) server.child.kill('SIGKILL');
    }
    await finished;
    expect(acked.length).toBeGreaterThanOrEqual(killAfter);
    expect(acked.length).toBeLessThan(COUNT); // the kill landed mid-load

    // Restart on the same data dir (recovers the WAL), then read everything back.
    const again = await serve(dir.path);
    again.child.kill('SIGTERM');
    await new Promise((r) => again.child.once('exit', r));
    const exported = spawnSync(process.execPath, [bin, 'export', '--data', dir.path], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(exported.status).toBe(0);
    const stored = new Set(
      exported.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).bodyBase64 as string),
    );
    const missing = acked.filter((n) => !stored.has(bodyFor(n).toString('base64')));
    expect(missing).toEqual([]);
  }, 300_000);
});
