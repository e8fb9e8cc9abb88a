import { describe, expect, it } from 'vitest';
import { markerLanes, playbackGaps, speedLabel, timelinePositions } from '../../../renderer/src/chain/playback.js';

const opts = { speed: 1, maxDelayMs: 15_000, unknownDelayMs: 1000 };

describe('redial chain playback timing', () => {
  it('waits the original gap between starts, divided by the speed', () => {
    const starts = [0, 60_000, 180_000];
    expect(playbackGaps(starts, { ...opts, speed: 60 })).toEqual([
      { gapMs: 60_000, delayMs: 1000, shortened: false },
      { gapMs: 120_000, delayMs: 2000, shortened: false },
    ]);
    expect(playbackGaps(starts, { ...opts, speed: 10 }).map((g) => g.delayMs)).toEqual([6000, 12_000]);
  });

  it('caps gaps too long to sit through and marks them shortened', () => {
    const [gap] = playbackGaps([0, 8 * 3_600_000], { ...opts, speed: 60 });
    expect(gap).toEqual({ gapMs: 8 * 3_600_000, delayMs: 15_000, shortened: true });
  });

  it('does not wait for a negative gap (a redial read in another zone) but reports it', () => {
    expect(playbackGaps([10_000, 0], opts)).toEqual([{ gapMs: -10_000, delayMs: 0, shortened: false }]);
  });

  it('uses the fixed wait when either start is unknown', () => {
    expect(playbackGaps([0, null, 5000], opts)).toEqual([
      { gapMs: null, delayMs: 1000, shortened: false },
      { gapMs: null, delayMs: 1000, shortened: false },
    ]);
  });

  it('has no gaps for zero or one attempt', () => {
    expect(playbackGaps([], opts)).toEqual([]);
    expect(playbackGaps([5], opts)).toEqual([]);
  });
});

describe('speed labels', () => {
  it('say what a second of playback stands for once that reads better than the factor', () => {
    expect([1, 10, 60, 600, 3600].map(speedLabel)).toEqual(['1×', '10×', '60× (1 min/s)', '600× (10 min/s)', '3600× (1 h/s)']);
  });
});

describe('timeline positions', () => {
  it('places attempts proportionally between the earliest and latest start', () => {
    expect(timelinePositions([100, 200, 500])).toEqual([0, 0.25, 1]);
  });

  it('centres a single time and leaves unknown starts unplaced', () => {
    expect(timelinePositions([7, null])).toEqual([0.5, null]);
    expect(timelinePositions([null])).toEqual([null]);
  });
});

describe('timeline marker lanes', () => {
  it('keeps well-spaced markers on the axis and lifts ones that would overlap', () => {
    expect(markerLanes([0, 0.5, 1], 0.03)).toEqual([0, 0, 0]);
    expect(markerLanes([0, 0.001, 0.002, 0.5], 0.03)).toEqual([0, 1, 2, 0]);
  });

  it('puts markers without a start at the end of the axis', () => {
    expect(markerLanes([1, null], 0.03)).toEqual([0, 1]);
  });
});
