import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestEvery } from '../../../main/core/events/event-bus.js';

describe('publishing the latest value at most once per interval', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('publishes the last value of each interval, once, and nothing that was undone within it', () => {
    const published: number[] = [];
    const note = latestEvery<number>((v) => published.push(v), 250, 0);
    for (let n = 1; n <= 100; n++) note(n);
    expect(published).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(published).toEqual([100]);
    note(40);
    note(0);
    vi.advanceTimersByTime(250);
    expect(published).toEqual([100, 0]);
    // A blip undone within one interval (0 → 5 → 0) is never shown.
    note(5);
    note(0);
    vi.advanceTimersByTime(1000);
    expect(published).toEqual([100, 0]);
  });
});
