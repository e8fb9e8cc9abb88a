// As a new user would: `serve --forward <app> --relay`, the vendor played by curl, an app that answers
// 500 twice then 200; the vendor's retry group, read back with `export`, carries the app's answers.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportLine } from '../../shared/export-format.js';
import { startTarget, type Target } from '../integration/support/target.js';
import { startServe, type Served } from './support/browser.js';

const bin = new URL('../../bin/callback-inspector.js', import.meta.url).pathname;
const seedPath = new URL('../fixtures/seed-example.json', import.meta.url).pathname;

let served: Served | undefined;
let app: Target | undefined;
afterEach(async () => {
  await served?.stop();
  await app?.close();
  served = app = undefined;
});

/** Async: the app runs in this process and must keep answering while curl waits. */
async function curl(url: string): Promise<{ status: number; body: string }> {
  const { stdout } = await promisify(execFile)('curl', [
    '-sS',
    '-w',
    '\n%{http_code}',
    '-H',
    'Content-Type: application/json',
    '--data-binary',
    `@${seedPath}`,
    url,
  ]);
  const at = stdout.lastIndexOf('\n');
  return { body: stdout.slice(0, at), status: Number(stdout.slice(at + 1)) };
}

describe('serve --forward --relay', () => {
  it('lets the vendor’s retries react to the local app, and keeps the app’s answers in the retry group', async () => {
    app = await startTarget();
    served = await startServe(undefined, ['--forward', app.url('/flaky/2'), '--relay']);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await curl(`${served.receiver}callback`));
    expect(answers.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(answers[2]!.body).toBe('{}');
    expect(app.received).toHaveLength(3);
    expect(app.received.every((r) => r.body.equals(readFileSync(seedPath)))).toBe(true);

    const out = spawnSync(process.execPath, [bin, 'export', '--data', served.dataDir], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportLine);
    expect(lines.map((l) => [l.attempt, l.response.status, l.response.reason])).toEqual([
      [1, 500, 'relayed'],
      [2, 500, 'relayed'],
      [3, 200, 'relayed'],
    ]);
    expect(lines.slice(1).every((l) => l.retryOf === lines[0]!.id)).toBe(true);
    expect(lines.every((l) => l.kind === 'call-end')).toBe(true);
  });

  it('after a kill -9 during a relay, the next start records that no answer was given', async () => {
    app = await startTarget();
    const dataDir = mkdtempSync(join(tmpdir(), 'ci-relay-cut-'));
    try {
      served = await startServe(dataDir, ['--forward', app.url('/hang'), '--relay', '--forward-timeout', '60000']);
      const vendor = new AbortController();
      const answered = fetch(`${served.receiver}callback`, { method: 'POST', body: readFileSync(seedPath), signal: vendor.signal }).catch(
        () => null,
      );
      // The app has it: the delivery was committed before the relay began.
      await app.waitFor(1);
      await served.crash();
      expect(await answered).toBeNull();
      served = await startServe(dataDir);
      await served.stop();
      served = undefined;
      const out = spawnSync(process.execPath, [bin, 'export', '--data', dataDir], { encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      const [line] = out.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ExportLine);
      expect([line!.response.status, line!.response.reason]).toEqual([null, 'relay-interrupted']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects a --forward that is not an http(s) URL, saying what it expects', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--forward', 'ftp://x', '--port', '0', '--ui-port', '0'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/expected \[endpoint=\]http:\/\/host:port\/path/);
  });
});
