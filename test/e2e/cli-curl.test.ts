// `callback-inspector curl <id>` and `export-har` as a user runs them beside `serve`: without --to a
// delivery goes to its path on the confirmed public URL, else on the running receiver, never to the
// Host or X-Forwarded-Host it arrived with, and a malformed one of those is just a header, no crash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, sendRaw } from '../integration/support/http.js';
import { startServe, type Served } from './support/browser.js';
import { runCli } from './support/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ci-cli-curl-'));
let served: Served;
let id: string;

beforeAll(async () => {
  served = await startServe(dataDir);
  id = String(
    await sendRaw(
      served.receiver,
      'POST /hooks/x/[1-3]?n=1 HTTP/1.1\r\nHost: exa[mple:99999\r\nX-Forwarded-Host: x:99999, evil.example\r\nX-Forwarded-Proto: https\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    ),
  );
}, 60_000);
afterAll(async () => {
  await served?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(op: string, input: unknown) {
  const ui = new URL(served.ui);
  const token = decodeURIComponent(ui.hash.replace('#token=', ''));
  const res = await send(`${ui.origin}/api/${op}`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return JSON.parse(res.body).result;
}

/** No stack trace, one `error: …` line. */
function expectOneLineError(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(/^error: [^\n]*\n$/);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('curl and export-har default targets', () => {
  it('curl <id> with a malformed Host and X-Forwarded-Host prints the command on the running receiver, globbing off', async () => {
    const r = await runCli('curl', id, '--data', dataDir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^curl -sS --globoff /);
    expect(r.stdout).toContain(`--url '${served.receiver}hooks/x/[1-3]?n=1'`);
    // Kept as what it is: a header the sender wrote.
    expect(r.stdout).toContain(`-H 'X-Forwarded-Host: x:99999, evil.example'`);
  });

  it('export-har puts the delivery on the running receiver too', async () => {
    const r = await runCli('export-har', '--ids', id, '--data', dataDir);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).log.entries[0].request.url).toBe(`${served.receiver}hooks/x/[1-3]?n=1`);
  });

  it('once a public URL is set, both use it', async () => {
    await api('putSettings', { publicUrl: 'https://abc.ngrok.app/' });
    expect((await runCli('curl', id, '--data', dataDir)).stdout).toContain(`--url 'https://abc.ngrok.app/hooks/x/[1-3]?n=1'`);
    const har = await runCli('export-har', '--ids', id, '--data', dataDir);
    expect(JSON.parse(har.stdout).log.entries[0].request.url).toBe('https://abc.ngrok.app/hooks/x/[1-3]?n=1');
    await api('putSettings', { publicUrl: '' });
  });

  it('a --to that is not a URL is a one-line error, exit 1', async () => {
    const r = await runCli('curl', id, '--to', 'http://x:99999/', '--data', dataDir);
    expect(r.status).toBe(1);
    expectOneLineError(r.stderr, /not an absolute http:\/\/ or https:\/\/ URL.*--to/);
  });

  it('with no public URL and no serve running, curl <id> says to name a target (exit 1), no stack trace', async () => {
    await served.stop();
    const r = await runCli('curl', id, '--data', dataDir);
    expect(r.status).toBe(1);
    expectOneLineError(r.stderr, /no public URL is set and no receiver is running.*--to <url>/);
    const to = await runCli('curl', id, '--to', 'http://127.0.0.1:3000/cb', '--data', dataDir);
    expect(to.status).toBe(0);
    expect(to.stdout).toContain(`--url 'http://127.0.0.1:3000/cb'`);
  });
});
