// Bulk re-send: a selection or a filter, at most `concurrency` requests in flight, progress events,
// a summary of outcomes, its preview, re-signing and the retry policy, the failed items and why,
// and "send the failed ones again".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobInfo } from '../../shared/model.js';
import { startTestCore } from './support/core.js';
import { send } from './support/http.js';
import { startTarget, type Target } from './support/target.js';

let core: Awaited<ReturnType<typeof startTestCore>>;
let target: Target;

beforeEach(async () => {
  core = await startTestCore();
  target = await startTarget();
});
afterEach(async () => {
  await core.cleanup();
  await target.close();
});

async function deliverMany(n: number, body: (i: number) => string, path = '') {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await send(core.receiver.url + path, { headers: { 'content-type': 'application/json' }, body: body(i) });
    ids.push(Number(res.headers['x-callback-inspector-delivery']));
  }
  return ids;
}

describe('bulk re-send', () => {
  it('never has more than `concurrency` requests in flight, and sends every delivery once', async () => {
    const ids = await deliverMany(40, (i) => `{"n":${i}}`);
    const job = await core.api.bulkResend({ ids, to: target.url('/ok?delay=25'), concurrency: 4 });
    const done = (await core.resend.runner.wait(job.id))!;
    expect(done).toMatchObject({ state: 'done', total: 40, completed: 40, succeeded: 40, failed: 0, outcomes: { '200': 40 } });
    expect(target.maxInFlight).toBeLessThanOrEqual(4);
    expect(target.maxInFlight).toBeGreaterThanOrEqual(2);
    expect(target.received.map((r) => r.body.toString()).sort()).toEqual(ids.map((_, i) => `{"n":${i}}`).sort());
  });

  it('takes a filter, reports progress as it goes and sums up the outcomes; re-sends the failed ones', async () => {
    await deliverMany(3, (i) => `{"other":${i}}`, 'hooks/elsewhere/');
    await deliverMany(10, (i) => (i % 3 === 0 ? `{"n":${i},"x":"fail-me"}` : `{"n":${i}}`), 'hooks/acme/');
    const progress: JobInfo[] = [];
    core.events.on('jobProgress', (j) => progress.push(j));
    const job = await core.api.bulkResend({ filter: { endpoint: 'acme' }, to: target.url('/fail-marked'), concurrency: 3 });
    const done = (await core.resend.runner.wait(job.id))!;
    expect(done).toMatchObject({ total: 10, succeeded: 6, failed: 4, outcomes: { '200': 6, '500': 4 } });
    // Taken oldest first, the order they arrived in; only the filter's endpoint.
    const order = (await core.api.listSends({ jobId: job.id })).sort((a, b) => a.item - b.item).map((s) => s.deliveryId!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(target.received.map((r) => JSON.parse(r.body.toString()).n).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress[0]).toMatchObject({ id: job.id, state: 'running', completed: 0 });
    expect(progress.at(-1)).toMatchObject({ id: job.id, state: 'done', completed: 10 });
    const completed = progress.map((p) => p.completed);
    expect(completed).toEqual([...completed].sort((a, b) => a - b));

    const before = target.received.length;
    const again = await core.api.resendFailed({ jobId: job.id, to: target.url('/ok') });
    expect(await core.resend.runner.wait(again.id)).toMatchObject({ kind: 'retry-failed', total: 4, succeeded: 4 });
    const resent = target.received.slice(before).map((r) => r.body.toString());
    expect(resent.every((b) => b.includes('fail-me'))).toBe(true);
    expect(resent).toHaveLength(4);
    // The attempts of the second job are linked to the same deliveries.
    const sends = await core.api.listSends({ jobId: again.id });
    expect(sends.every((s) => s.deliveryId !== null && s.ok)).toBe(true);
    await expect(core.api.resendFailed({ jobId: again.id })).rejects.toThrow(/no failed items/);
  });

  it('previews what it will send: the count and the first ones, in sending order, from the same selection', async () => {
    await deliverMany(2, (i) => `{"other":${i}}`, 'hooks/elsewhere/');
    const acme = await deliverMany(7, (i) => `{"n":${i}}`, 'hooks/acme/');
    const preview = await core.api.bulkResendPreview({ filter: { endpoint: 'acme' }, first: 3 });
    expect(preview).toMatchObject({ count: 7, more: false });
    expect(preview.first.map((d) => [d.id, d.endpoint])).toEqual(acme.slice(0, 3).map((id) => [id, 'acme']));
    const capped = await core.api.bulkResendPreview({ filter: { endpoint: 'acme' }, limit: 5 });
    expect(capped).toMatchObject({ count: 5, more: true });
    expect(capped.first.map((d) => d.id)).toEqual(acme.slice(0, 5));

    // What the job then sends is what the preview said.
    const job = await core.api.bulkResend({ filter: { endpoint: 'acme' }, limit: 5, to: target.url('/ok'), concurrency: 1 });
    expect(await core.resend.runner.wait(job.id)).toMatchObject({ total: capped.count, succeeded: 5 });
    expect(target.received.map((r) => JSON.parse(r.body.toString()).n)).toEqual([0, 1, 2, 3, 4]);
    expect(await core.api.bulkResendPreview({ ids: [acme[4]!, acme[0]!], first: 5 })).toMatchObject({
      count: 2,
      more: false,
      first: [{ id: acme[4] }, { id: acme[0] }],
    });
  });

  it('lists the failed items of a job, each by its last attempt and with why; re-signs each delivery under the retry policy', async () => {
    const ids = await deliverMany(6, (i) =>
      i % 2 === 0 ? `{"TaskID":"t${i}","x":"fail-me","Sign":"old"}` : `{"TaskID":"t${i}","Sign":"old"}`,
    );
    // 60 s at 6000× = 10 ms between attempts.
    const retry = { intervalMs: 60_000, maxRetries: 2, timeScale: 6000 };
    const job = await core.api.bulkResend({
      ids,
      to: target.url('/fail-marked'),
      concurrency: 2,
      retry,
      sign: { mode: 'resign', key: 'bulk-key' },
    });
    expect(await core.resend.runner.wait(job.id)).toMatchObject({ total: 6, succeeded: 3, failed: 3, attempts: 3 + 3 * 3 });
    expect(target.received.every((r) => /"Sign":"[0-9a-f]{32}"/.test(r.body.toString()) && !r.body.includes('"Sign":"old"'))).toBe(true);

    const failed = await core.api.listSends({ jobId: job.id, failed: true });
    expect(failed.map((a) => a.deliveryId).sort((a, b) => a! - b!)).toEqual([ids[0], ids[2], ids[4]]);
    expect(failed.every((a) => a.attempt === 3 && !a.ok && a.responseStatus === 500)).toBe(true);
    expect(await core.api.listSends({ jobId: job.id, failed: true, deliveryId: ids[2]! })).toHaveLength(1);
    await expect(core.api.listSends({ failed: true })).rejects.toThrow(/give jobId/);
  });

  it('cancelling a bulk job stops taking new deliveries', async () => {
    const ids = await deliverMany(30, (i) => `{"n":${i}}`);
    const job = await core.api.bulkResend({ ids, to: target.url('/ok?delay=50'), concurrency: 2 });
    await target.waitFor(2);
    const cancelled = (await core.api.cancelJob({ jobId: job.id }))!;
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.completed).toBeLessThan(30);
    await new Promise((r) => setTimeout(r, 150));
    expect(target.received.length).toBeLessThanOrEqual(4);
    expect((await core.api.listJobs({}))[0]).toMatchObject({ id: job.id, state: 'cancelled' });
  });
});
