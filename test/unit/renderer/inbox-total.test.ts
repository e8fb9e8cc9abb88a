// The inbox keeps its exact total current without a COUNT per arrival (at-most-every.ts), and keeps
// the columns a user chose (column-choice.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atMostEvery } from '../../../renderer/src/inbox/at-most-every.js';
import { readHidden } from '../../../renderer/src/inbox/column-choice.js';

describe('a recount asked for on every arrival', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A job whose runs finish when the test says so. */
  function job() {
    const finishers: Array<() => void> = [];
    const run = vi.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
    return { run, finish: async () => (finishers.shift()!(), await vi.advanceTimersByTimeAsync(0)) };
  }

  it('runs at once when nothing ran lately', () => {
    const { run } = job();
    atMostEvery(run, { everyMs: 1000 }).ask();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('folds every ask within a second into one more run, which starts after the last ask', async () => {
    const { run, finish } = job();
    const t = atMostEvery(run, { everyMs: 1000 });
    t.ask();
    await finish();
    for (let i = 0; i < 50; i++) {
      t.ask();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(2);
    await finish();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never runs two at once: an ask during a slow run runs once it is over', async () => {
    const { run, finish } = job();
    const t = atMostEvery(run, { everyMs: 1000 });
    t.ask();
    await vi.advanceTimersByTimeAsync(3000);
    t.ask();
    t.ask();
    expect(run).toHaveBeenCalledTimes(1);
    await finish();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('spends about its share of the time running: a slow job pauses longer, by its fastest run but the first', async () => {
    const { run, finish } = job();
    const t = atMostEvery(run, { everyMs: 1000, share: 0.1, longestPauseMs: 5000 });
    const finishAfter = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      await finish();
    };
    /** Asks, then says how many runs have started after `ms` and after 100 ms more. */
    const askAndWait = async (ms: number) => {
      t.ask();
      await vi.advanceTimersByTimeAsync(ms);
      const before = run.mock.calls.length;
      await vi.advanceTimersByTimeAsync(100);
      return [before, run.mock.calls.length];
    };
    t.ask();
    await finishAfter(3000); // the first run (a cold cache) took 3 s: it sets no pause
    t.ask();
    expect(run).toHaveBeenCalledTimes(2);
    await finishAfter(300); // 300 ms: the next may start 2.7 s after it ended
    expect(await askAndWait(2600)).toEqual([2, 3]);
    await finishAfter(1900); // one slow run moves nothing: still 2.7 s
    expect(await askAndWait(2600)).toEqual([3, 4]);
    await finishAfter(100); // 100 ms: a shorter pause (0.9 s), and the interval of 1 s from its start
    expect(await askAndWait(800)).toEqual([4, 5]);
  });

  it('pauses at most the longest pause, however slow the job', async () => {
    const { run, finish } = job();
    const t = atMostEvery(run, { everyMs: 1000, share: 0.1, longestPauseMs: 5000 });
    t.ask();
    await finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(1);
    t.ask();
    await vi.advanceTimersByTimeAsync(2000);
    t.ask();
    await finish(); // 2 s: 18 s by the share, 5 s at most
    await vi.advanceTimersByTimeAsync(4900);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('runs again after a failed run when asked meanwhile', async () => {
    let fail = true;
    const run = vi.fn(() => (fail ? Promise.reject(new Error('offline')) : Promise.resolve()));
    const t = atMostEvery(run, { everyMs: 1000 });
    t.ask();
    fail = false;
    t.ask();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs nothing more once stopped', async () => {
    const { run, finish } = job();
    const t = atMostEvery(run, { everyMs: 1000 });
    t.ask();
    t.ask();
    t.stop();
    await finish();
    await vi.advanceTimersByTimeAsync(5000);
    t.ask();
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('the chosen columns', () => {
  const known = ['time', 'endpoint', 'callee', 'callid'];

  it('reads the hidden columns the user chose', () => {
    expect(readHidden('["callid","endpoint"]', known)).toEqual(new Set(['callid', 'endpoint']));
  });

  it('shows every column when nothing was chosen or the stored choice is unreadable', () => {
    expect(readHidden(null, known)).toEqual(new Set());
    expect(readHidden('not json', known)).toEqual(new Set());
    expect(readHidden('{"callid":true}', known)).toEqual(new Set());
  });

  it('ignores names of columns that no longer exist, and never hides them all', () => {
    expect(readHidden('["callid","colour",3]', known)).toEqual(new Set(['callid']));
    expect(readHidden(JSON.stringify(known), known)).toEqual(new Set());
  });
});
