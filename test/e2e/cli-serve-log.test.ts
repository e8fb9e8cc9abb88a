// `serve`'s line per delivery, as a QA engineer watching it (or a script reading --json) sees it: what
// arrived, its first call, Sign and the answer; nothing with --quiet; request text never reaches the
// terminal raw; and stdout that is closed or not read never holds up the receiver.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { send } from '../integration/support/http.js';
import { bin, scratch } from './support/cli.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
const seedJson = JSON.parse(seed.toString('utf8')) as { TaskID: string; Details: Array<{ CallID: string; Status: string }> };
const json = { 'content-type': 'application/json' };

const { track, data } = scratch('ci-log-');

/** A running `serve` whose stdout is kept as it comes (or left unread: `read: false`). */
async function serve(dataDir: string, extra: string[] = [], read = true) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--ui-port', '0', '--data', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let stdout = '';
  let stderr = '';
  const onData = (c: Buffer) => (stdout += c.toString('utf8'));
  child.stdout!.on('data', onData);
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await until(
    () => /^ui: /m.test(stdout),
    15_000,
    () => `serve did not start: ${stderr}`,
  );
  if (!read) child.stdout!.pause();
  const receiver = /^receiver: (\S+)$/m.exec(stdout)![1]!;
  return {
    child,
    receiver,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Lines after the receiver:/ui:/forward: lines. */
    deliveryLines: () => stdout.split('\n').filter((l) => l && !/^(receiver|ui|forward): /.test(l)),
  };
}

async function until(ok: () => boolean, ms = 10_000, why: () => string = () => 'timed out') {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(why());
    await new Promise((r) => setTimeout(r, 25));
  }
}

const exportLines = (dataDir: string) =>
  spawnSync(process.execPath, [bin, 'export', '--data', dataDir], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: number; receivedAt: string; kind: string; sign: string; taskId: string | null });

describe('serve: a line per delivery', () => {
  it('prints the seed example once derived: endpoint, method and path, call-end, its CallID and Status finished, Sign, the answer 200', async () => {
    const dir = data();
    const s = await serve(dir);
    expect((await send(s.receiver, { headers: json, body: seed })).status).toBe(200);
    await until(() => s.deliveryLines().length === 1);

    const [stored] = exportLines(dir);
    const line = s.deliveryLines()[0]!;
    expect(line).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} {2}#1 {2}default {2}POST \/ {2}call-end {2}/);
    expect(line).toContain(`CallID=${seedJson.Details[0]!.CallID} Status=finished`);
    expect(line).toContain(`sign=${stored!.sign}`);
    expect(line).toMatch(/ {2}answer=200$/);
    // The receiver:/ui: lines come first and stay as they were.
    expect(
      s
        .stdout()
        .split('\n')
        .slice(0, 2)
        .map((l) => l.split(':')[0]),
    ).toEqual(['receiver', 'ui']);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it("--json prints one parseable object per delivery, named as in export, with the first call's callId and status", async () => {
    const dir = data();
    const s = await serve(dir, ['--json']);
    expect((await send(`${s.receiver}hooks/acme/cb`, { headers: json, body: seed })).status).toBe(200);
    await until(() => s.deliveryLines().length === 1);

    const [stored] = exportLines(dir);
    expect(JSON.parse(s.deliveryLines()[0]!)).toEqual({
      id: 1,
      receivedAt: stored!.receivedAt,
      endpoint: 'acme',
      method: 'POST',
      path: '/hooks/acme/cb',
      kind: 'call-end',
      taskId: seedJson.TaskID,
      callCount: 1,
      callId: seedJson.Details[0]!.CallID,
      status: 'finished',
      sign: stored!.sign,
      response: { status: 200, hung: false },
      forward: null,
    });
  });

  it('--quiet prints no delivery line, but still the receiver: and ui: lines', async () => {
    const dir = data();
    const s = await serve(dir, ['--quiet']);
    expect((await send(s.receiver, { headers: json, body: seed })).status).toBe(200);
    await until(() => exportLines(dir)[0]?.kind === 'call-end'); // derived: a line would be printed by now
    await new Promise((r) => setTimeout(r, 300));
    expect(s.stdout()).toMatch(/^receiver: http:\/\/\S+\nui: http:\/\/\S+\n$/);
  });

  it('--quiet with --json is a usage mistake (exit 2)', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--ui-port', '0', '--data', data(), '--quiet', '--json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--quiet .*--json/);
    expect(r.stdout).not.toMatch(/receiver:/);
  });

  it('prints request text escaped: ESC [ and U+202E in a CallID and a Status never reach the terminal raw; a path carries them only percent-encoded', async () => {
    const dir = data();
    const s = await serve(dir);
    const hostile = JSON.parse(seed.toString('utf8')) as { Details: Array<Record<string, unknown>> };
    hostile.Details[0]!.CallID = 'ab\u001b[31m\u202ecd\\';
    hostile.Details[0]!.Status = 'fin\u009b2J\u2066ished';
    const path = '/p%1B[31m%E2%80%AE';
    expect((await send(`${s.receiver.slice(0, -1)}${path}`, { headers: json, body: JSON.stringify(hostile) })).status).toBe(200);
    // Node's parser refuses a raw ESC (or any byte past ASCII) in the request line: 400, nothing recorded.
    expect(
      await rawRequestLine(
        s.receiver,
        Buffer.from('POST /x\u001b[31m HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 'latin1'),
      ),
    ).toMatch(/^HTTP\/1\.1 400 /);
    await until(() => s.deliveryLines().length === 1);

    const line = s.deliveryLines()[0]!;
    expect(line).toContain(`POST ${path}  call-end`);
    expect(line).toContain('CallID=ab\\x1b[31m\\u{202e}cd\\\\ Status=fin\\x9b2J\\u{2066}ished');
    const out = Buffer.from(s.stdout(), 'utf8');
    expect(out.includes(0x1b)).toBe(false);
    expect(out.includes(Buffer.from('\u202e', 'utf8'))).toBe(false);
    expect(out.includes(Buffer.from('\u009b', 'utf8'))).toBe(false);
  });

  it('--json escapes what JSON.stringify leaves raw (C1, bidi) and parses back to the same text', async () => {
    const s = await serve(data(), ['--json']);
    const hostile = JSON.parse(seed.toString('utf8')) as { Details: Array<Record<string, unknown>> };
    hostile.Details[0]!.CallID = 'ab\u001b[31m\u202e\u009bcd';
    expect((await send(s.receiver, { headers: json, body: JSON.stringify(hostile) })).status).toBe(200);
    await until(() => s.deliveryLines().length === 1);

    const out = Buffer.from(s.stdout(), 'utf8');
    expect(out.includes(0x1b)).toBe(false);
    expect(out.includes(Buffer.from('\u202e', 'utf8'))).toBe(false);
    expect(out.includes(Buffer.from('\u009b', 'utf8'))).toBe(false);
    expect(JSON.parse(s.deliveryLines()[0]!).callId).toBe('ab\u001b[31m\u202e\u009bcd');
  });

  it('keeps answering 200 after its stdout is closed (`serve | head -2`), without a stack trace, and stops cleanly', async () => {
    const dir = data();
    const s = await serve(dir);
    s.child.stdout!.destroy(); // the reader leaves after the receiver:/ui: lines
    for (let i = 0; i < 5; i++) {
      expect((await send(s.receiver, { headers: json, body: seed, timeoutMs: 5_000 })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100)); // let each be derived, and its line meet the closed pipe
    }
    await until(() => exportLines(dir).filter((l) => l.kind === 'call-end').length === 5);
    expect(s.child.exitCode).toBe(null);
    expect((await send(s.receiver, { headers: json, body: seed, timeoutMs: 5_000 })).status).toBe(200);
    expect(s.stderr()).not.toMatch(/EPIPE|Error|\n\s+at /);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('a stdout nobody reads does not hold up deliveries: lines past the buffer are dropped, and counted once the reader catches up', async () => {
    const s = await serve(data(), [], false);
    // Long paths, so that a few dozen lines fill the pipe and the bounded buffer behind it.
    const n = 120;
    const started = Date.now();
    for (let i = 0; i < n; i++) {
      const r = await send(`${s.receiver}${String(i).padStart(4, '0')}/${'x'.repeat(6000)}`, {
        headers: json,
        body: seed,
        timeoutMs: 5_000,
      });
      expect(r.status).toBe(200);
    }
    expect(Date.now() - started).toBeLessThan(20_000);
    // Every delivery has been announced (derived) before the reader comes back.
    await new Promise((r) => setTimeout(r, 1_000));
    s.child.stdout!.resume();

    const printed = () => s.deliveryLines().filter((l) => / {2}#\d+ {2}/.test(l)).length;
    const notPrinted = () => Number(/^… (\d+) deliveries not printed \(stdout was busy\)$/m.exec(s.stdout())?.[1] ?? 0);
    await until(
      () => notPrinted() > 0 && printed() + notPrinted() === n,
      10_000,
      () => `${printed()} printed, ${notPrinted()} said not printed, of ${n}`,
    );
    // The receiver is still fine and lines flow again.
    expect((await send(s.receiver, { headers: json, body: seed })).status).toBe(200);
    await until(() => s.deliveryLines().some((l) => l.includes(`#${n + 1}  `)));
  });

  // `script` (util-linux) runs serve on a pseudo-terminal and copies it to a pipe this test stops
  // reading: the terminal's buffer fills, as with Ctrl-S.
  const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)(
    'on a terminal that stops reading (Ctrl-S), deliveries are still answered: Node writes terminals blocking, serve does not',
    async () => {
      const dir = data();
      const cmd = [process.execPath, bin, 'serve', '--port', '0', '--ui-port', '0', '--data', dir]
        .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
        .join(' ');
      // `exec`: script runs the command through $SHELL, and dash (CI's /bin/sh) does not exec a lone
      // command itself; a Ctrl-C would then end the waiting shell with 130 whatever serve answered.
      const child = spawn('script', ['-qfec', `exec ${cmd}`, '/dev/null'], {
        stdio: ['pipe', 'pipe', 'ignore'],
        env: { ...process.env, SHELL: '/bin/sh' },
      });
      track(child);
      let stdout = '';
      child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await until(
        () => /^ui: /m.test(stdout),
        15_000,
        () => `serve did not start: ${stdout}`,
      );
      const receiver = /^receiver: (\S+?)\r?$/m.exec(stdout)![1]!;
      const [, ui, token] = /^ui: (\S+?)#token=(\S+?)\r?$/m.exec(stdout)!;
      child.stdout!.pause();

      // ~1.2 MB of lines: more than the terminal, `script` and the pipe hold (~0.5 MB here) plus serve's bound.
      const n = 200;
      for (let i = 0; i < n; i++) {
        const r = await send(`${receiver}${String(i).padStart(4, '0')}/${'x'.repeat(6000)}`, {
          headers: json,
          body: seed,
          timeoutMs: 5_000,
        });
        expect(r.status).toBe(200);
      }
      // Every line is due (each delivery read) before the terminal is read again: a deriver slower
      // than the sends would otherwise print its lines after, into a terminal that drains.
      const derived = async () => {
        const r = await fetch(`${ui}api/countDeliveries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${decodeURIComponent(token!)}` },
          body: JSON.stringify({ filter: { kind: 'call-end' } }),
        });
        return ((await r.json()) as { result: { total: number } }).result.total;
      };
      for (let left = 100; (await derived()) < n && left > 0; left--) await new Promise((r) => setTimeout(r, 100));
      child.stdout!.resume();
      await until(
        () => /deliveries not printed \(stdout was busy\)/.test(stdout),
        10_000,
        () => `no count of lines not printed: ${stdout.length} chars, ends ${JSON.stringify(stdout.slice(-300))}`,
      );
      child.stdin!.write('\x03'); // Ctrl-C on the terminal: serve stops as usual
      const code = await exited;
      expect(code, `serve's terminal ended with: ${JSON.stringify(stdout.slice(-600))}`).toBe(0);
    },
  );
});

/** Writes bytes as a request and returns the status line. */
function rawRequestLine(receiver: string, bytes: Buffer): Promise<string> {
  const u = new URL(receiver);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname, () => socket.write(bytes));
    let got = '';
    socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
    socket.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}
