// `callback-inspector wait` as a QA script uses it: start waiting, trigger the call, get its callback
// as JSON on stdout (exit 0), or exit 124 on timeout; beside a running `serve` on the same data dir.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { send } from '../integration/support/http.js';
import { bin, scratch } from './support/cli.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');

const { track, data } = scratch('ci-wait-');

async function serve(dataDir: string) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--ui-port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /^receiver: (\S+)$/.exec(line);
    if (m) return m[1]!;
  }
  throw new Error('serve printed no receiver URL');
}

/** Starts `wait`; `ready` resolves once it has taken its baseline (its "waiting …" line on stderr). */
function startWait(...args: string[]) {
  const child = spawn(process.execPath, [bin, 'wait', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  const ready = new Promise<void>((resolve) => {
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('waiting ')) resolve();
    });
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { ready, done };
}

const withCallId = (callId: string) => seed.replace('6dbf57adc3ecf4f4bfd5efe85ccad659', callId);
const idOf = (r: { headers: Record<string, unknown> }) => Number(r.headers['x-callback-inspector-delivery']);

// Each test starts node processes (serve, wait) that take seconds on a loaded machine: a generous guard.
describe('callback-inspector wait', { timeout: 90_000 }, () => {
  it('prints the matching delivery that arrives after it started, ignoring earlier and other ones (exit 0)', async () => {
    const dir = data();
    const receiver = await serve(dir);
    const callId = 'aaaabbbbccccddddeeeeffff00001111';
    await send(receiver, { body: withCallId(callId) }); // before the wait: not the answer
    const w = startWait('--data', dir, '--match', `CallID:${callId} Status:Finished`, '--timeout', '60');
    await w.ready;
    await send(receiver, { body: withCallId('99998888777766665555444433332222') }); // another call
    await send(receiver, { body: '{"Details":"not a call"}' });
    const later = await send(`${receiver}hooks/qa/`, { body: withCallId(callId).replace('"id": 15744007', '"id": 123456789012345678901') });

    const { code, stdout } = await w.done;
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ id: idOf(later), endpoint: 'qa', path: '/hooks/qa/', kind: 'call-end', retryOf: null, callCount: 1 });
    expect(out.body.Details[0]).toMatchObject({ CallID: callId, Status: 'finished' });
    expect(stdout).toContain('"id":123456789012345678901'); // every digit, as the vendor sent it
    expect(out.bodyText).toBe(Buffer.from(out.bodyBase64, 'base64').toString('utf8'));
    // The export line's fields, as `export` prints them.
    const exported = spawnSync(process.execPath, [bin, 'export', '--data', dir, '--ids', String(out.id)], { encoding: 'utf8' });
    const { body: _body, bodyText: _text, ...line } = out;
    expect(line).toEqual(JSON.parse(exported.stdout));
  });

  it('--include-existing answers with a stored match; --since takes stored ones from that time', async () => {
    const dir = data();
    const receiver = await serve(dir);
    const first = await send(receiver, { body: withCallId('12121212121212121212121212121212') });
    const existing = startWait('--data', dir, '--match', 'CalleeNumber:+6212345678', '--include-existing', '--timeout', '60');
    expect(JSON.parse((await existing.done).stdout).id).toBe(idOf(first));
    const since = startWait('--data', dir, '--match', 'kind:call-end', '--since', '2000-01-01T00:00:00Z', '--timeout', '60');
    expect(JSON.parse((await since.done).stdout).id).toBe(idOf(first));
  });

  it('times out with exit 124 and says so on stderr, with nothing on stdout', async () => {
    const dir = data();
    const receiver = await serve(dir);
    await send(receiver, { body: seed }); // matches, but arrived before the wait
    const { code, stdout, stderr } = await startWait(
      '--data',
      dir,
      '--match',
      'CallID:6dbf57adc3ecf4f4bfd5efe85ccad659',
      '--timeout',
      '0.5',
    ).done;
    expect(code).toBe(124);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/timed out after 0\.5 s: no delivery matching "CallID:6dbf57adc3ecf4f4bfd5efe85ccad659" after id 1/);
  });

  it('waits for a data dir that serve has not created yet', async () => {
    const dir = `${data()}/later`;
    const w = startWait('--data', dir, '--match', 'Intention:e', '--timeout', '60');
    await w.ready;
    const receiver = await serve(dir);
    const sent = await send(receiver, { body: seed });
    const { code, stdout } = await w.done;
    expect(code).toBe(0);
    expect(JSON.parse(stdout).id).toBe(idOf(sent));
  });

  it('a data dir that never gets a store is an error (exit 1), not a timeout, within the 10 s grace', async () => {
    const started = Date.now();
    const [short, long] = await Promise.all([
      startWait('--data', `${data()}/mistyped`, '--timeout', '1').done,
      startWait('--data', `${data()}/mistyped`, '--timeout', '600').done,
    ]);
    for (const r of [short, long]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/error: no store in \S+\/mistyped \(expected callback-inspector\.db\); pass --data <dir>/);
    }
    // Well before --timeout 600: the grace, plus starting node on a loaded machine.
    expect(Date.now() - started).toBeLessThan(40_000);
  });

  it('exits 2 on bad input: an impossible field value, conflicting baselines, a bad number, an unknown flag', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'wait', '--data', data(), ...args], { encoding: 'utf8' });
    const bad = run('--match', 'sign:maybe');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--match: sign:maybe/);
    expect(run('--after', '3', '--include-existing').status).toBe(2);
    expect(run('--timeout', 'soon').status).toBe(2);
    expect(run('--since', 'yesterday').status).toBe(2);
    expect(run('--bogus').status).toBe(2);
    expect(run('--help').status).toBe(0);
  });

  it('refuses a --match word that names no field, naming the closest one (exit 2): it could never match', () => {
    const typo = spawnSync(process.execPath, [bin, 'wait', '--data', data(), '--match', 'CalleNumber:x', '--timeout', '60'], {
      encoding: 'utf8',
    });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('error: --match: unknown field CalleNumber: did you mean CalleeNumber?\n');
    expect(typo.stdout).toBe('');
  });
});
