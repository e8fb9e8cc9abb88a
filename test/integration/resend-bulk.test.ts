// Bulk re-send: a selection or a filter, at most `concurrency` requests in flight, progress events,
// a summary of outcomes, and "send the failed ones again".
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
