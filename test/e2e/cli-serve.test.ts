// The CLI as QA scripts drive it: `serve` prints its URLs, receives, shuts down cleanly; `export`
// returns the exact bytes; `import` round-trips.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { send } from '../integration/support/http.js';
import { bin, scratch } from './support/cli.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));

const { track, data } = scratch('ci-cli-');

async function serve(dataDir: string, ...extra: string[]) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--ui-port', '0', '--data', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const lines = createInterface({ input: child.stdout! });
  const urls: Record<string, string> = {};
  for await (const line of lines) {
    const m = /^(receiver|ui): (\S+)$/.exec(line);
    if (m) urls[m[1]!] = m[2]!;
    if (urls.receiver && urls.ui) break;
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, receiver: urls.receiver!, ui: urls.ui!, exited };
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

const exportLines = (dataDir: string) =>
  cli('export', '--data', dataDir)
    .stdout.trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('callback-inspector CLI', () => {
  it('serve prints receiver and ui URLs; export returns the seed byte-identical as call-end without errors', async () => {
    const dir = data();
    const s = await serve(dir);
    expect(s.receiver).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(s.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=.+/);
    expect((await send(s.receiver, { headers: { 'content-type': 'application/json' }, body: seed })).status).toBe(200);

    const [line] = exportLines(dir); // while serve still runs
    expect(Buffer.from(line.bodyBase64, 'base64').equals(seed)).toBe(true);
    expect(line).toMatchObject({ kind: 'call-end', size: seed.length, truncated: false, retryOf: null, response: { status: 200 } });
    expect(line.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
    expect(line.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(['Details[0].RedailCall[0].RingType', 'Details[0].RedailCall[0].CallStartTime']),
    );
    expect(new Date(line.receivedAt).toISOString()).toBe(line.receivedAt);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('the ui URL carries a token that the API accepts; without it the API refuses', async () => {
    const s = await serve(data());
    const ui = new URL(s.ui);
    const token = decodeURIComponent(ui.hash.replace('#token=', ''));
    const withToken = await send(`${ui.origin}/api/info`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(withToken.body).result.receiverUrl).toBe(s.receiver);
    expect((await send(`${ui.origin}/api/info`, { body: '{}' })).status).toBe(401);
    // The page itself is served with the renderer's strict policy: scripts from this origin only.
    const page = await send(`${ui.origin}/`, { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'.*connect-src 'self'/);
  });

  it('refuses a second serve on a data dir in use, and takes over one left by a killed serve', async () => {
    const dir = data();
    const first = await serve(dir);
    const second = cli('serve', '--port', '0', '--ui-port', '0', '--data', dir);
    expect(second.status).toBe(1);
    expect(second.stderr).toBe(
      `error: another Callback Inspector (pid ${first.child.pid}) is running on ${dir}: stop it, or give this one another data directory\n`,
    );
    expect(second.stdout).toBe('');
    // kill -9 leaves its lock behind; the next serve sees that its process is gone.
    first.child.kill('SIGKILL');
    await first.exited;
    const again = await serve(dir);
    expect((await send(again.receiver, { body: seed })).status).toBe(200);
  });

  it('finishes in-flight deliveries on SIGTERM: every acknowledged body is in the store afterwards', async () => {
    const dir = data();
    const s = await serve(dir);
    // One client is mid-body when the signal lands: what it sent is kept, flagged truncated.
    const midBody = connect(Number(new URL(s.receiver).port), '127.0.0.1');
    midBody.on('error', () => {});
    await new Promise((r) => midBody.write('POST /mid-body HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"half":', r));
    await new Promise((r) => setTimeout(r, 100));
    const acked: string[] = [];
    const sends = Array.from({ length: 200 }, (_, i) =>
      send(s.receiver, { body: `{"n":${i}}` }).then(
        (r) => r.status === 200 && acked.push(`{"n":${i}}`),
        () => undefined,
      ),
    );
    setTimeout(() => s.child.kill('SIGTERM'), 30);
    await Promise.all(sends);
    expect(await s.exited).toBe(0);
    midBody.destroy();
    expect(acked.length).toBeGreaterThan(0);
    const cut = exportLines(dir).find((l) => l.path === '/mid-body');
    expect(cut).toMatchObject({ truncated: true, response: { status: null } });
    expect(Buffer.from(cut.bodyBase64, 'base64').toString()).toBe('{"half":');
    const stored = new Set(exportLines(dir).map((l) => Buffer.from(l.bodyBase64, 'base64').toString()));
    for (const body of acked) expect(stored.has(body)).toBe(true);
  });

  it('import reads an export back: a round trip loses nothing and a second import adds nothing', async () => {
    const dir = data();
    const s = await serve(dir);
    await send(s.receiver, { body: seed });
    await send(s.receiver, { body: seed }); // a vendor retry
    await send(`${s.receiver}hooks/x/`, { body: Buffer.from([0xff, 0xfe, 0x00, 0x01]) });
    s.child.kill('SIGTERM');
    await s.exited;
    const file = join(dir, 'out.ndjson');
    expect(cli('export', '--data', dir, '--out', file).status).toBe(0);

    // A selection: by id, or one endpoint's deliveries.
    expect(
      cli('export', '--data', dir, '--ids', '3,1')
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([3, 1]);
    expect(
      cli('export', '--data', dir, '--endpoint', 'x')
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l).path),
    ).toEqual(['/hooks/x/']);

    const copy = data();
    const first = cli('import', '--data', copy, file);
    expect(first.stderr).toContain('imported 3, skipped 0');
    expect(cli('import', '--data', copy, file).stderr).toContain('imported 0, skipped 3');
    expect(exportLines(copy)).toEqual(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
  });

  it('export into a pipe that closes early (| head) ends quietly', async () => {
    const dir = data();
    const s = await serve(dir);
    for (let i = 0; i < 300; i++) await send(s.receiver, { body: seed });
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${bin} export --data ${dir} | head -c 100 > /dev/null`], {
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.status).toBe(0);
  });

  it('import reports a damaged line by number and exits non-zero', () => {
    const dir = data();
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, '{"id":1}\nnot json\n');
    const r = cli('import', '--data', dir, file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 1: .*receivedAt/);
    expect(r.stderr).toMatch(/line 2: not JSON/);
  });

  it('import says what is wrong with a line in plain words: its first three problems, the rest counted', () => {
    const dir = data();
    const file = join(dir, 'bad.ndjson');
    const good = {
      id: 1,
      receivedAt: '2024-05-22T03:00:00.000Z',
      endpoint: 'default',
      method: 'POST',
      path: '/',
      query: '',
      headers: [],
      remoteAddress: '203.0.113.7',
      bodyBase64: '',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0,
      truncated: false,
      kind: 'not-json',
      shape: null,
      problems: [],
      sign: 'not-checked',
      response: { status: 200 },
      retryOf: null,
      attempt: 1,
      taskId: null,
      callCount: 0,
    };
    const { bodyBase64: _, ...noBody } = good;
    writeFileSync(
      file,
      [
        JSON.stringify(good),
        '{}',
        JSON.stringify({ ...noBody, receivedAt: 5 }),
        '[1]',
        '[2]',
        '[3]',
        JSON.stringify({ ...good, id: 2, kind: 'xml' }),
      ].join('\n'),
    );
    const r = cli('import', '--data', dir, file);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'line 2: id: required; receivedAt: required; endpoint: required; … and 18 more',
      'line 3: receivedAt: expected a string, not a number; bodyBase64: required',
      // The same complaint on consecutive lines is said once.
      'lines 4-6: expected an object, not an array',
      'line 7: kind: expected one of "call-end", "json", "not-json"',
      'imported 1, skipped 0 already present, 6 errors',
      '',
    ]);
  });

  it('explains bad arguments instead of failing obscurely', () => {
    expect(cli('serve', '--port', 'eighty').stderr).toMatch(/port number/);
    const r = cli('export', '--data', join(data(), 'nothing-here'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no store in/);
    expect(cli('--help').stdout).toMatch(/serve.*\n.*export.*\n.*import/s);
  });
});
