// Chain re-delivery: a callee's deliveries go out in the order they first arrived, with their
// original gaps divided by the speed, so the customer's endpoint sees the production sequence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCallbacks } from '../../main/core/generate/call-end.js';
import { startMs } from '../../shared/call-time.js';
import { startTestCore } from './support/core.js';
import { startTarget, type Target } from './support/target.js';
import { exportLine } from './support/export-line.js';

let core: Awaited<ReturnType<typeof startTestCore>>;
let target: Target;
const T0 = Date.UTC(2024, 4, 22, 3, 0, 0);
/** Callee A's five attempts arrive 60, 120, 60 and 180 s apart; callee B's two fall in between. */
const A_AT = [0, 60, 180, 240, 420];
const B_AT = [30, 200];
const bodies = [...generateCallbacks({ calls: 7, redials: 5, seed: 'chain', scheme: { type: 'md5-template' } })];
const [a, b] = [bodies.slice(0, 5), bodies.slice(5)];
/** Callee C's three calls, as generated traffic arrives: at the same second, last call first. */
const c = [...generateCallbacks({ calls: 3, redials: 3, seed: 'call-time', scheme: { type: 'md5-template' } })];

/** An export line, so the deliveries get the arrival times of a real capture (via `import`). */
const line = (id: number, body: string, atSeconds: number) =>
  exportLine(id, body, T0 + atSeconds * 1000, {
    headers: [
      ['Host', 'customer.example'],
      ['Content-Type', 'application/json'],
    ],
  });

beforeAll(async () => {
  core = await startTestCore();
  target = await startTarget();
  // Imported out of order on purpose: the replay must order by arrival time, not by id.
  const lines = [
    ...a.map((g, i) => line(10 + (4 - i), g.body, A_AT[i]!)),
    ...b.map((g, i) => line(20 + i, g.body, B_AT[i]!)),
    ...c.map((g, i) => line(30 + (2 - i), g.body, 900)),
  ];
  const report = await core.api.importNdjson({ lines });
  expect(report).toMatchObject({ imported: 10, errors: [] });
});
afterAll(async () => {
  await core.cleanup();
  await target.close();
});

const callIdOf = (body: Buffer) => JSON.parse(body.toString()).Details[0].CallID as string;

describe('chain re-delivery', () => {
  it('sends a callee chain in arrival order with the original gaps scaled (300×: 200, 400, 200, 600 ms)', async () => {
    const callee = a[0]!.callee;
    const before = target.received.length;
    const job = await core.api.replayChain({ callee, to: target.url('/ok'), speed: 300 });
    expect(job).toMatchObject({ kind: 'chain', total: 5 });
    expect(await core.resend.runner.wait(job.id)).toMatchObject({ state: 'done', succeeded: 5 });
    const got = target.received.slice(before);
    expect(got.map((r) => callIdOf(r.body))).toEqual(a.map((g) => g.callId));
    expect(got.map((r) => r.body.toString())).toEqual(a.map((g) => g.body));

    // Each attempt started at least its scaled gap after the one before (the engine waits on monotonic
    // time, startedAt is wall-clock ms: a few ms of slack). Load can only lengthen gaps, so only the
    // minimums are asserted.
    const starts = (await core.api.listSends({ jobId: job.id })).sort((x, y) => x.item - y.item).map((s) => s.startedAt);
    const startGaps = starts.slice(1).map((t, i) => t - starts[i]!);
    [200, 400, 200, 600].forEach((expected, i) => expect(startGaps[i]).toBeGreaterThanOrEqual(expected - 10));
  });

  it('at speed max sends the same sequence without waiting; a selection of ids is ordered by arrival too', async () => {
    const before = target.received.length;
    const job = await core.api.replayChain({ callee: a[0]!.callee, to: target.url('/ok'), speed: 'max' });
    await core.resend.runner.wait(job.id);
    expect(target.received.slice(before).map((r) => callIdOf(r.body))).toEqual(a.map((g) => g.callId));

    const mid = target.received.length;
    const chosen = await core.api.replayChain({ ids: [21, 10, 20], to: target.url('/ok'), speed: 'max' });
    await core.resend.runner.wait(chosen.id);
    // 20 arrived at 30 s, 21 at 200 s, 10 (A's last) at 420 s.
    expect(target.received.slice(mid).map((r) => callIdOf(r.body))).toEqual([b[0]!.callId, b[1]!.callId, a[4]!.callId]);
  });

  it("spaced by call time: ordered and spaced by each delivery's first CallStartTime, for a chain that arrived all at once", async () => {
    const starts = c.map((g) => startMs(JSON.parse(g.body).Details[0].CallStartTime, 0)!);
    expect(new Set(starts).size).toBe(3);
    const job = await core.api.replayChain({ callee: c[0]!.callee, to: target.url('/ok'), speed: 1_000_000, spacing: 'call-time' });
    expect(job.label).toContain('by call time');
    const plan = (await core.api.jobPlan({ jobId: job.id }))!;
    expect(plan.items.map((i) => i.deliveryId)).toEqual([32, 31, 30]);
    expect(plan.items.map((i) => i.offsetMs)).toEqual(starts.map((t) => (t - starts[0]!) / 1_000_000));
    expect(await core.resend.runner.wait(job.id)).toMatchObject({ state: 'done', succeeded: 3 });

    // By arrival (the default), the same chain has no gaps to keep: it arrived in one second.
    const byArrival = await core.api.replayChain({ callee: c[0]!.callee, to: target.url('/ok'), speed: 1 });
    expect((await core.api.jobPlan({ jobId: byArrival.id }))!.items.map((i) => i.offsetMs)).toEqual([0, 0, 0]);
    await core.resend.runner.wait(byArrival.id);
  });

  it('refuses call-time spacing for a delivery without a call start time, naming it', async () => {
    await expect(core.api.replayChain({ ids: [10], to: target.url('/ok'), spacing: 'call-time' })).resolves.toMatchObject({ total: 1 });
    const text = await core.api.resend({ body: { text: 'not a call' }, to: core.receiver.url });
    await core.resend.runner.wait(text.id);
    const plain = (await core.api.listDeliveries({ limit: 1 })).items[0]!;
    await expect(core.api.replayChain({ ids: [10, plain.id], to: target.url('/ok'), spacing: 'call-time' })).rejects.toThrow(
      `delivery #${plain.id} has no call with a readable CallStartTime`,
    );
  });

  it('refuses a callee with no deliveries', async () => {
    await expect(core.api.replayChain({ callee: '+0000', to: target.url('/ok') })).rejects.toThrow(
      /no stored delivery mentions callee \+0000/,
    );
  });
});
