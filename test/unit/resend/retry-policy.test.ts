// The vendor retry policy and chain timing as pure rules.
import { describe, expect, it } from 'vitest';
import { chainOffsets } from '../../../main/core/resend/chain-schedule.js';
import { scaledInterval, withRetries } from '../../../main/core/resend/retry-policy.js';

const policy = { intervalMs: 60_000, maxRetries: 5, timeScale: 60_000 };

describe('vendor retry policy', () => {
  it('defaults to the contract: every 60 s, at most 5 retries; the time scale divides the wait', () => {
    expect(scaledInterval({ intervalMs: 60_000, maxRetries: 5, timeScale: 1 })).toBe(60_000);
    expect(scaledInterval({ intervalMs: 60_000, maxRetries: 5, timeScale: 1000 })).toBe(60);
  });

  it('stops at the first delivered attempt', async () => {
    const seen: number[] = [];
    const last = await withRetries(async (n) => (seen.push(n), { ok: n === 3 }), policy, new AbortController().signal);
    expect(seen).toEqual([1, 2, 3]);
    expect(last).toEqual({ ok: true });
  });

  it('makes 1 + maxRetries attempts when none is delivered, and one without a policy', async () => {
    const count = async (p: typeof policy | undefined) => {
      let n = 0;
      await withRetries(async () => (n++, { ok: false }), p, new AbortController().signal);
      return n;
    };
    expect(await count(policy)).toBe(6);
    expect(await count({ ...policy, maxRetries: 0 })).toBe(1);
    expect(await count(undefined)).toBe(1);
  });

  it('stops waiting and retrying once cancelled', async () => {
    const controller = new AbortController();
    let n = 0;
    const run = withRetries(async () => (n++, { ok: false }), { intervalMs: 10_000, maxRetries: 5, timeScale: 1 }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await run;
    expect(n).toBe(1);
  });
});

describe('chain replay offsets', () => {
  const at = [1_000, 61_000, 181_000];
  it('divides the original gaps by the speed', () => {
    expect(chainOffsets(at, 1)).toEqual([0, 60_000, 180_000]);
    expect(chainOffsets(at, 60)).toEqual([0, 1_000, 3_000]);
  });
  it('does not wait at speed max', () => {
    expect(chainOffsets(at, 'max')).toEqual([0, 0, 0]);
  });
});
