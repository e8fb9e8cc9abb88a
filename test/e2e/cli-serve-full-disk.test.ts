// `serve` on a disk that fills up: what it cannot commit it does not acknowledge, and SIGTERM, whose
// closing checkpoint cannot grow the database file, ends with one `error:` line and exit 74 instead of
// a stack trace. With space again, every acknowledged delivery is there (the write-ahead log kept
// them). The full disk is a 3 MiB tmpfs: mounting one needs root (CI runs as root); elsewhere the
// test is skipped and says so.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../integration/support/http.js';

const bin = new URL('../../bin/callback-inspector.js', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'ci-full-disk-'));
let mounted = false;
let why = '';

beforeAll(() => {
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', root], { encoding: 'utf8' });
  mounted = mount.status === 0;
  why = mounted ? '' : `cannot mount a tmpfs here (${(mount.stderr || mount.error?.message || '').trim()}): needs root`;
});
afterAll(() => {
  if (mounted) spawnSync('umount', [root]);
  rmSync(root, { recursive: true, force: true });
});

describe('serve on a full disk', () => {
  it('exits 74 with one error line on SIGTERM, and keeps every acknowledged delivery', async (ctx) => {
    if (!mounted) {
      console.warn(`skipped: ${why}`);
      return ctx.skip();
    }
    const data = join(root, 'data');
    mkdirSync(data);
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--ui-port', '0', '--data', data], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let receiver = '';
    for await (const line of createInterface({ input: child.stdout })) {
      receiver = /^receiver: (\S+)$/.exec(line)?.[1] ?? receiver;
      if (line.startsWith('ui: ')) break;
    }

    // ~200 KB each, not compressible: the disk is full after a dozen.
    const acked: string[] = [];
    const refused: number[] = [];
    for (let i = 0; i < 30; i++) {
      const body = JSON.stringify({ n: i, pad: randomBytes(150_000).toString('base64') });
      const res = await send(receiver, { headers: { 'content-type': 'application/json' }, body });
      if (res.status === 200) acked.push(body);
      else refused.push(res.status);
    }
    expect(acked.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);

    child.kill('SIGTERM');
    expect(await exited).toBe(74);
    const afterSignal = stderr.slice(stderr.indexOf('SIGTERM:')).trim().split('\n');
    expect(afterSignal).toEqual([
      'SIGTERM: finishing in-flight deliveries and closing the store (again to exit at once)',
      'error: could not close the store cleanly: database or disk is full; every acknowledged delivery is in the write-ahead log and is kept at the next start (free some space first)',
    ]);

    expect(spawnSync('mount', ['-o', 'remount,size=64m', root]).status).toBe(0);
    const exported = spawnSync(process.execPath, [bin, 'export', '--data', data], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(exported.status).toBe(0);
    const stored = new Set(
      exported.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => Buffer.from((JSON.parse(l) as { bodyBase64: string }).bodyBase64, 'base64').toString()),
    );
    for (const body of acked) expect(stored.has(body)).toBe(true);
  }, 60_000);
});
