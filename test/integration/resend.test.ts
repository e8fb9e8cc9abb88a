// Re-sending one delivery over real HTTP on loopback: what goes out, what is stored for each
// attempt, how every kind of failure is classed, and the vendor's retry policy simulated.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiInputError } from '../../shared/api.js';
import type { JobInfo } from '../../shared/model.js';
import { parseJson } from '../../shared/json/lossless-parse.js';
import { rawBodyText } from '../../shared/raw-body-text.js';
import { verifySign } from '../../main/core/sign/schemes.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';
import { gaps, startTarget, type Target } from './support/target.js';

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url));
let core: Awaited<ReturnType<typeof startTestCore>>;
let target: Target;

beforeAll(async () => {
  core = await startTestCore();
  target = await startTarget();
});
afterAll(async () => {
  await core.cleanup();
  await target.close();
});

async function deliver(
  body: Uint8Array | string,
  headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'Airudder' },
  path = '',
) {
  const res = await send(core.receiver.url + path, { headers, body });
  return Number(res.headers['x-callback-inspector-delivery']);
}

async function finished(job: { id: number }) {
  return (await core.resend.runner.wait(job.id))!;
}

const since = (n: number) => target.received.slice(n);

describe('re-send one delivery', () => {
  it('sends the stored bytes with the content headers, and stores the attempt with the answer', async () => {
    const id = await deliver(seed);
    const before = target.received.length;
    const job = await core.api.resend({ deliveryId: id, to: target.url('/ok') });
    expect(job).toMatchObject({ kind: 'resend', state: 'running', total: 1 });
    expect(await finished(job)).toMatchObject({ state: 'done', succeeded: 1, failed: 0, attempts: 1, outcomes: { '200': 1 } });

    const [got] = since(before);
    expect(got!.body.equals(seed)).toBe(true);
    expect(got!.method).toBe('POST');
    expect(got!.headers.map(([n]) => n)).toEqual(['Host', 'Content-Type', 'User-Agent', 'Content-Length', 'Connection']);

    const [attempt] = await core.api.listSends({ deliveryId: id });
    expect(attempt).toMatchObject({
      jobId: job.id,
      deliveryId: id,
      attempt: 1,
      responseStatus: 200,
      ok: true,
      errorClass: null,
      requestSize: seed.length,
    });
    expect(attempt!.requestHeaders).toContainEqual(['Content-Type', 'application/json']);
    expect(attempt!.responseHeaders).toContainEqual(['content-type', 'application/json']);
    const detail = await core.api.getSend({ id: attempt!.id });
    expect(Buffer.from(detail!.requestBodyBase64, 'base64').equals(seed)).toBe(true);
    expect(Buffer.from(detail!.responseBodyBase64, 'base64').toString()).toBe('{}');
  });

  it('classes failures: 500, redirect not followed, timeout, reset, refused, DNS, TLS', async () => {
    const id = await deliver(seed);
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const cases: Array<[string, Partial<{ responseStatus: number | null; errorClass: string | null }>]> = [
      [target.url('/fail'), { responseStatus: 500, errorClass: null }],
      [target.url('/redirect'), { responseStatus: 302, errorClass: null }],
      [target.url('/hang'), { responseStatus: null, errorClass: 'timeout' }],
      [target.url('/close'), { responseStatus: null, errorClass: 'reset' }],
      [`http://127.0.0.1:${closedPort}/`, { responseStatus: null, errorClass: 'refused' }],
      ['http://no-such-host.invalid/', { responseStatus: null, errorClass: 'dns' }],
      [target.url('/ok').replace('http:', 'https:'), { responseStatus: null, errorClass: 'tls' }],
    ];
    for (const [to, expected] of cases) {
      const job = await core.api.resend({ deliveryId: id, to, timeoutMs: 300 });
      expect(await finished(job), to).toMatchObject({ state: 'done', succeeded: 0, failed: 1 });
      const [attempt] = await core.api.listSends({ jobId: job.id });
      expect(attempt, to).toMatchObject({ ...expected, ok: false, url: to });
      if (expected.errorClass) expect(attempt!.errorMessage, to).toBeTruthy();
    }
    // The redirect was recorded, not followed: /ok never saw this body after /redirect.
    const redirect = (await core.api.listSends({ deliveryId: id })).find((a) => a.responseStatus === 302)!;
    expect(redirect.responseHeaders).toContainEqual(['location', '/ok']);
  });

  it('simulates the vendor policy: fails twice then 200 gives three attempts, spaced by the scaled interval', async () => {
    const id = await deliver(seed);
    const before = target.received.length;
    const progress: JobInfo[] = [];
    const off = core.events.on('jobProgress', (j) => progress.push(j));
    // 60 s at 600× = 100 ms between an answer and the next attempt.
    const job = await core.api.resend({
      deliveryId: id,
      to: target.url('/flaky/2'),
      retry: { intervalMs: 60_000, maxRetries: 5, timeScale: 600 },
    });
    expect(await finished(job)).toMatchObject({ state: 'done', succeeded: 1, attempts: 3 });
    const log = (await core.api.listSends({ jobId: job.id })).reverse();
    expect(log.map((a) => [a.attempt, a.responseStatus, a.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    // Each attempt is reported while the one item is still being retried, not only at its end.
    expect(Math.max(...progress.filter((p) => p.id === job.id && p.state === 'running').map((p) => p.attempts))).toBeGreaterThan(0);
    off();
    const [g1, g2] = gaps(since(before));
    // Timers never fire early: each retry waits at least the scaled interval (load only lengthens it).
    expect(g1!).toBeGreaterThanOrEqual(95);
    expect(g2!).toBeGreaterThanOrEqual(95);
  });

  it('gives up after 1 + maxRetries attempts, and the waits scale with the time scale', async () => {
    const id = await deliver(seed);
    const meanGap = async (timeScale: number) => {
      const before = target.received.length;
      const job = await core.api.resend({
        deliveryId: id,
        to: target.url('/fail'),
        retry: { intervalMs: 60_000, maxRetries: 3, timeScale },
      });
      expect(await finished(job)).toMatchObject({ failed: 1, attempts: 4, outcomes: { '500': 1 } });
      const g = gaps(since(before));
      expect(g).toHaveLength(3);
      return g.reduce((a, b) => a + b, 0) / g.length;
    };
    // At least the scaled interval each (a policy read unscaled would wait 60 s and time the test out).
    expect(await meanGap(1000)).toBeGreaterThanOrEqual(57); // 60 ms
    expect(await meanGap(400)).toBeGreaterThanOrEqual(145); // 150 ms
  });

  it('says, while an item waits out the scaled interval, when its next attempt is due; nothing once the wait or the job ended', async () => {
    const id = await deliver(seed);
    const progress: Array<{ job: JobInfo; seenAt: number }> = [];
    const off = core.events.on('jobProgress', (j) => progress.push({ job: j, seenAt: Date.now() }));
    // 60 s at 60× = 1 s between the failed answer and the next attempt.
    const job = await core.api.resend({
      deliveryId: id,
      to: target.url('/fail'),
      retry: { intervalMs: 60_000, maxRetries: 1, timeScale: 60 },
    });
    expect(await finished(job)).toMatchObject({ state: 'done', attempts: 2, nextAttemptAt: null });
    off();
    const [first] = (await core.api.listSends({ jobId: job.id })).reverse();
    const mine = progress.filter((p) => p.job.id === job.id);
    const waiting = mine.filter((p) => p.job.nextAttemptAt !== null);
    expect(waiting.length).toBeGreaterThan(0);
    for (const { job: j, seenAt } of waiting) {
      expect(j.attempts).toBe(1);
      // One scaled interval after the failed attempt ended, counted from when the wait began (before it was announced).
      expect(j.nextAttemptAt!).toBeGreaterThanOrEqual(first!.finishedAt + 1000);
      expect(j.nextAttemptAt!).toBeLessThanOrEqual(seenAt + 1000);
    }
    expect(mine.filter((p) => p.job.attempts === 2).every((p) => p.job.nextAttemptAt === null)).toBe(true);

    const waits = await core.api.resend({
      deliveryId: id,
      to: target.url('/fail'),
      retry: { intervalMs: 60_000, maxRetries: 3, timeScale: 1 },
    });
    await expect.poll(async () => (await core.api.getJob({ jobId: waits.id }))!.nextAttemptAt).not.toBeNull();
    expect(await core.api.cancelJob({ jobId: waits.id })).toMatchObject({ state: 'cancelled', attempts: 1, nextAttemptAt: null });
  });

  it('cancels a running job: the attempt in flight is cut and recorded, no retry follows', async () => {
    const id = await deliver(seed);
    const before = target.received.length;
    const job = await core.api.resend({
      deliveryId: id,
      to: target.url('/hang'),
      timeoutMs: 30_000,
      retry: { intervalMs: 10, maxRetries: 5, timeScale: 1 },
    });
    await target.waitFor(before + 1);
    const cancelled = await core.api.cancelJob({ jobId: job.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect((await core.api.listSends({ jobId: job.id }))[0]).toMatchObject({ errorClass: 'cancelled', ok: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(target.received.length).toBe(before + 1);
    expect(await core.api.getJob({ jobId: job.id })).toMatchObject({ state: 'cancelled' });
  });
});

describe('re-signing', () => {
  const big = seed
    .toString()
    .replace('"id": 15744007', '"id": 123456789012345678901')
    .replace('de9c60e6d7d623d75f1095e83b9bede3', '00000000000000000000000000000000');

  it('md5-template: a new Sign the core verifies with the chosen KEY; every other byte unchanged', async () => {
    const id = await deliver(big);
    const before = target.received.length;
    await finished(
      await core.api.resend({
        deliveryId: id,
        to: target.url('/ok'),
        sign: { mode: 'resign', key: 'customer-secret', scheme: { type: 'md5-template' } },
      }),
    );
    const [got] = since(before);
    const text = got!.body.toString();
    const parsed = parseJson(text);
    expect(parsed.ok).toBe(true);
    const value = parsed.ok ? parsed.value : undefined;
    expect(verifySign({ type: 'md5-template' }, 'customer-secret', got!.body, value, got!.headers).status).toBe('verified');
    expect(verifySign({ type: 'md5-template' }, 'airudder', got!.body, value, got!.headers).status).toBe('mismatch');
    expect(text).toContain('123456789012345678901');
    expect(text.replace(/"Sign": "[0-9a-f]{32}"/, '')).toBe(big.replace(/"Sign": "[0-9a-f]{32}"/, ''));
  });

  it('hmac-sha256: a header over the bytes sent, verified by the core; keep leaves the original Sign', async () => {
    const id = await deliver(big);
    const before = target.received.length;
    const scheme = { type: 'hmac-sha256' as const, header: 'X-Signature', encoding: 'hex' as const };
    await finished(await core.api.resend({ deliveryId: id, to: target.url('/ok'), sign: { mode: 'resign', key: 'k2', scheme } }));
    await finished(await core.api.resend({ deliveryId: id, to: target.url('/ok') }));
    const [signed, kept] = since(before);
    expect(verifySign(scheme, 'k2', signed!.body, undefined, signed!.headers).status).toBe('verified');
    expect(kept!.body.toString()).toBe(big);
    expect(kept!.headers.some(([n]) => n === 'X-Signature')).toBe(false);
  });

  it('a gzip delivery re-signed goes out gzip again, and an edited body is sent as given', async () => {
    const id = await deliver(gzipSync(Buffer.from(big)), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    const before = target.received.length;
    await finished(await core.api.resend({ deliveryId: id, to: target.url('/ok'), sign: { mode: 'resign', key: 'k3' } }));
    await finished(await core.api.resend({ deliveryId: id, to: target.url('/ok'), body: { text: '{"edited":true}' } }));
    const [resigned, edited] = since(before);
    expect(resigned!.headers).toContainEqual(['Content-Encoding', 'gzip']);
    const draft = await core.api.resendDraft({ deliveryId: id });
    expect(draft).toMatchObject({ bodyText: big, scheme: { type: 'md5-template' }, keySource: 'vendor-default' });
    // Ingest checks Sign on the decoded body: deliver the re-signed copy back to the core and ask it.
    const back = await deliver(resigned!.body, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, 'hooks/resigned/');
    await core.api.putEndpoint({ name: 'resigned', key: 'k3' });
    expect((await core.api.getDelivery({ id: back }))!.sign).toBe('mismatch'); // checked when it arrived, before the KEY was set
    const again = await deliver(resigned!.body, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, 'hooks/resigned/');
    expect((await core.api.getDelivery({ id: again }))!.sign).toBe('verified');
    expect(edited!.headers).toContainEqual(['Content-Encoding', 'gzip']);
    expect(
      rawBodyText(
        (await core.api.getRawBody({
          id: await deliver(edited!.body, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
        }))!,
      ),
    ).toBe('{"edited":true}');
  });

  it('rejects what cannot be sent before starting a job, naming the field', async () => {
    await expect(core.api.resend({ deliveryId: 999_999, to: target.url('/ok') })).rejects.toThrow(ApiInputError);
    const text = await deliver('not json at all', { 'Content-Type': 'text/plain' });
    await expect(core.api.resend({ deliveryId: text, to: target.url('/ok'), sign: { mode: 'resign', key: 'k' } })).rejects.toThrow(
      /not valid JSON/,
    );
    await expect(core.api.resend({ deliveryId: text, to: 'ftp://example.com/' })).rejects.toThrow(/http/);
    await expect(core.api.resend({ to: target.url('/ok') })).rejects.toThrow(/deliveryId or body/);
  });
});
