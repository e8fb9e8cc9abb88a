// "Copy as curl" run for real: /usr/bin/curl, started through sh with the copied command, must put
// the same request on the wire as the one we captured or sent (method, header pairs in order, bytes).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurlCommand } from '../../shared/model.js';
import { startTestCore, tempDir } from './support/core.js';
import { send } from './support/http.js';
import { startTarget, type Received, type Target } from './support/target.js';

let core: Awaited<ReturnType<typeof startTestCore>>;
let target: Target;
const dir = tempDir('ci-curl-');

beforeAll(async () => {
  core = await startTestCore();
  target = await startTarget();
});
afterAll(async () => {
  await core.cleanup();
  await target.close();
  dir.remove();
});

/**
 * Runs the command as a user pasting it into a shell would, in a folder holding its body file. sh
 * unless the command needs bash's $'…' (it holds control or bidi characters).
 */
async function runCurl(c: CurlCommand, shell = '/bin/sh'): Promise<Received> {
  if (c.bodyFile) writeFileSync(join(dir.path, c.bodyFile.name), Buffer.from(c.bodyFile.base64, 'base64'));
  const before = target.received.length;
  // Async: the target answering curl runs in this process.
  await promisify(execFile)(shell, ['-c', c.command], { cwd: dir.path, timeout: 10_000 });
  await target.waitFor(before + 1);
  // A few ms for a request that should not come (a URL glob would send more than one).
  await new Promise((r) => setTimeout(r, 50));
  expect(target.received.length).toBe(before + 1);
  return target.received[before]!;
}

/** C0/C1 controls (but tab, LF), bidi marks, embeddings, overrides and isolates: never printed raw. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const withoutFraming = (h: Array<[string, string]>) => h.filter(([n]) => !/^(host|content-length|transfer-encoding|connection)$/i.test(n));

async function deliver(body: Uint8Array | string, headers: Record<string, string>, path = '') {
  const res = await send(core.receiver.url + path, { headers, body });
  return Number(res.headers['x-callback-inspector-delivery']);
}

describe('copy as curl', () => {
  it('reproduces a delivery whose body holds quotes, $, backticks, !, newlines and non-ASCII text', async () => {
    const body = `{"TaskName":"it's \`$(touch pwned)\` $HOME !! \\"q\\"",\n "x":"héllo 你好 'single'"}\r\n`;
    const id = await deliver(
      body,
      { 'Content-Type': 'application/json', 'User-Agent': 'Airudder', 'X-Odd': `a'b"c $d` },
      'hooks/acme/path?x=1&y=%20',
    );
    const c = (await core.api.copyAsCurl({ deliveryId: id, to: target.url('/ok?x=1&y=%20') }))!;
    expect(c.bodyFile).toBeNull();
    // The CR is written \x0d in $'…' (it would move the cursor back over what was printed): bash.
    const got = await runCurl(c, '/bin/bash');
    expect(got.method).toBe('POST');
    expect(got.body.toString()).toBe(body);
    const stored = (await core.api.getDelivery({ id }))!.headers;
    expect(withoutFraming(got.headers)).toEqual(withoutFraming(stored));
  });

  it('puts a binary (gzip) body in a file and sends it byte for byte', async () => {
    const bytes = gzipSync(Buffer.from('{"a":1}'));
    const id = await deliver(bytes, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    const c = (await core.api.copyAsCurl({ deliveryId: id, to: target.url('/ok') }))!;
    expect(c.bodyFile?.name).toBe(`delivery-${id}.body`);
    expect(c.command).toContain(`--data-binary @'delivery-${id}.body'`);
    const got = await runCurl(c);
    expect(got.body.equals(bytes)).toBe(true);
    expect(withoutFraming(got.headers)).toEqual([
      ['Content-Type', 'application/json'],
      ['Content-Encoding', 'gzip'],
    ]);
  });

  it('reproduces a stored attempt exactly, with its header order and names, and other methods', async () => {
    const id = await deliver('{"n":1}', { 'Content-Type': 'application/json' });
    const job = await core.api.resend({
      deliveryId: id,
      to: target.url('/ok'),
      method: 'PUT',
      headers: [
        ['X-B', '2'],
        ['Content-Type', 'application/json'],
        ['X-Empty', ''],
        ['X-A', '1'],
      ],
    });
    await core.resend.runner.wait(job.id);
    const sent = target.received.at(-1)!;
    const [attempt] = await core.api.listSends({ jobId: job.id });
    const got = await runCurl((await core.api.copyAsCurl({ sendId: attempt!.id }))!);
    expect(got.method).toBe('PUT');
    expect(got.body.toString()).toBe('{"n":1}');
    expect(withoutFraming(got.headers)).toEqual(withoutFraming(sent.headers));
    expect(withoutFraming(got.headers)).toEqual([
      ['X-B', '2'],
      ['Content-Type', 'application/json'],
      ['X-Empty', ''],
      ['X-A', '1'],
    ]);
  });

  it('an empty POST stays a POST with an empty body', async () => {
    const id = await deliver('', {});
    const got = await runCurl((await core.api.copyAsCurl({ deliveryId: id, to: target.url('/ok') }))!);
    expect(got.method).toBe('POST');
    expect(got.body.length).toBe(0);
    expect(withoutFraming(got.headers)).toEqual([]);
  });

  it("turns curl's URL globbing off: a path with [1-1000000] is one request to that path, not a million", async () => {
    const id = await deliver('{}', { 'Content-Type': 'application/json' }, 'hooks/x/[1-1000000]');
    expect((await core.api.getDelivery({ id }))!.path).toBe('/hooks/x/[1-1000000]');
    const c = (await core.api.copyAsCurl({ deliveryId: id, to: target.url('/hooks/x/[1-3]?n={a,b}') }))!;
    expect(c.command).toMatch(/^curl -sS --globoff /);
    const got = await runCurl(c);
    expect(got.path).toBe('/hooks/x/[1-3]');
    const attempt = await core.api.copyAsCurl({ sendId: await sentAttempt(id, target.url('/ok')) });
    expect(attempt!.command).toContain('--globoff');
  });

  it('escapes CSI (U+009B) and a right-to-left override (U+202E) in the body, a header and the URL; bash rebuilds the exact bytes', async () => {
    const body = '{"TaskName":"\u009b31mred \u202eevil\u202c \u2066iso\u2069 it\'s","n":1}';
    const headerValue = Buffer.from('note \u009b2J \u202etxt.exe', 'utf8');
    // What the vendor's bytes look like to Node: one latin1 character a byte.
    const id = await deliver(body, { 'Content-Type': 'application/json', 'X-Note': headerValue.toString('latin1') });
    const c = (await core.api.copyAsCurl({ deliveryId: id, to: target.url('/ok') + '?q=\u009b\u202e' }))!;
    expect(c.bodyFile).toBeNull();
    expect(c.command).not.toMatch(HIDDEN);
    expect(c.command).toContain(`-H $'X-Note: note \\xc2\\x9b2J \\xe2\\x80\\xaetxt.exe'`);
    const got = await runCurl(c, '/bin/bash');
    expect(got.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(Buffer.from(got.headers.find(([n]) => n === 'X-Note')![1], 'latin1').equals(headerValue)).toBe(true);
    expect(got.path).toBe('/ok');
    const stored = (await core.api.getDelivery({ id }))!.headers;
    expect(withoutFraming(got.headers)).toEqual(withoutFraming(stored));
  });
});

describe('copy as curl from the re-send form: exactly what Send sends', () => {
  /** What `resend` with this input put on the wire. */
  async function sentBy(input: Parameters<typeof core.api.resend>[0]): Promise<Received> {
    const before = target.received.length;
    const job = await core.api.resend(input);
    await core.resend.runner.wait(job.id);
    expect(target.received.length).toBe(before + 1);
    return target.received[before]!;
  }
  const same = (got: Received, sent: Received) => {
    expect(got.method).toBe(sent.method);
    expect(got.path).toBe(sent.path);
    expect(withoutFraming(got.headers)).toEqual(withoutFraming(sent.headers));
    expect(got.body.equals(sent.body)).toBe(true);
  };

  it('an edited method, header list and body, re-signed with md5: the new Sign over the edit, big numbers exact', async () => {
    const id = await deliver('{"TaskID":"t-form","n":1,"Sign":"stored"}', {
      'Content-Type': 'application/json',
      'User-Agent': 'Airudder',
      'X-Forwarded-For': '10.0.0.1',
    });
    const input = {
      deliveryId: id,
      to: target.url('/form?x=1'),
      method: 'PUT',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Trace', "qa's run"],
        ['User-Agent', 'Airudder'],
      ] as Array<[string, string]>,
      body: { text: '{"TaskID":"t-form","n":123456789012345678901,"Sign":"stored"}' },
      sign: { mode: 'resign' as const, key: 'other-key', scheme: { type: 'md5-template' as const } },
    };
    const sent = await sentBy(input);
    const got = await runCurl((await core.api.copyAsCurl(input))!);
    same(got, sent);
    expect(got.method).toBe('PUT');
    expect(withoutFraming(got.headers)).toEqual(input.headers);
    const body = got.body.toString();
    expect(body).toContain('"n":123456789012345678901');
    expect(body).toMatch(/"Sign":"[0-9a-f]{32}"/);
    expect(body).not.toContain('"Sign":"stored"');
  });

  it('a stored gzip body re-signed with an HMAC header and one header added: the signature header and the bytes', async () => {
    const bytes = gzipSync(Buffer.from('{"TaskID":"t-gz","Sign":"s"}'));
    const id = await deliver(bytes, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    const draft = (await core.api.resendDraft({ deliveryId: id }))!;
    const input = {
      deliveryId: id,
      to: target.url('/gz'),
      headers: [...draft.headers, ['X-Extra', '1']] as Array<[string, string]>,
      sign: { mode: 'resign' as const, key: 'hk', scheme: { type: 'hmac' as const, header: 'X-Sig' } },
    };
    const sent = await sentBy(input);
    const c = (await core.api.copyAsCurl(input))!;
    expect(c.bodyFile?.name).toBe(`delivery-${id}.body`);
    const got = await runCurl(c);
    same(got, sent);
    expect(got.body.equals(bytes)).toBe(true);
    expect(got.headers.find(([n]) => n === 'X-Sig')?.[1]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses what Send refuses, with the same field; an attempt takes no edits', async () => {
    const id = await deliver('not json', { 'Content-Type': 'text/plain' });
    const input = { deliveryId: id, to: target.url('/ok'), sign: { mode: 'resign' as const, scheme: { type: 'md5-template' as const } } };
    await expect(core.api.resend(input)).rejects.toThrow(/sign: cannot re-sign with md5-template: the body is not valid JSON/);
    await expect(core.api.copyAsCurl(input)).rejects.toThrow(/sign: cannot re-sign with md5-template: the body is not valid JSON/);
    const attempt = await sentAttempt(id, target.url('/ok'));
    await expect(core.api.copyAsCurl({ sendId: attempt, method: 'PUT' })).rejects.toThrow(/an attempt is copied as it was sent/);
  });
});

/** Re-sends delivery `id` to `to` and returns the id of its one attempt. */
async function sentAttempt(id: number, to: string): Promise<number> {
  const job = await core.api.resend({ deliveryId: id, to });
  await core.resend.runner.wait(job.id);
  return (await core.api.listSends({ jobId: job.id }))[0]!.id;
}
