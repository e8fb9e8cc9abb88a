// Replay timing for a redial chain: the wait before each next attempt is the original gap between
// their start times divided by the speed. Gaps too long to sit through are shortened, and say so.

export interface Gap {
  /** The original gap between this attempt's start and the next one's; null when a start is unknown. */
  gapMs: number | null;
  /** How long playback waits before moving on. */
  delayMs: number;
  /** The wait was capped at `maxDelayMs`. */
  shortened: boolean;
}

export interface PlaybackOptions {
  speed: number;
  /** Longest real wait between two steps. */
  maxDelayMs: number;
  /** Wait used when an attempt's start time is unknown. */
  unknownDelayMs: number;
}

/** Redials are minutes to hours apart: the faster speeds make those gaps seconds. */
export const SPEEDS = [1, 10, 60, 600, 3600] as const;

/** `600× (10 min/s)`: what a second of playback stands for, where that reads better than the factor. */
export function speedLabel(speed: number): string {
  if (speed < 60) return `${speed}×`;
  return speed < 3600 ? `${speed}× (${speed / 60} min/s)` : `${speed}× (${speed / 3600} h/s)`;
}

export function playbackGaps(starts: ReadonlyArray<number | null>, options: PlaybackOptions): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const a = starts[i];
    const b = starts[i + 1];
    if (a == null || b == null) {
      gaps.push({ gapMs: null, delayMs: options.unknownDelayMs, shortened: false });
      continue;
    }
    // Attempts are sorted by start, but equal or (under another zone reading) reversed starts happen.
    const gapMs = b - a;
    const scaled = Math.max(0, gapMs) / options.speed;
    gaps.push({ gapMs, delayMs: Math.min(scaled, options.maxDelayMs), shortened: scaled > options.maxDelayMs });
  }
  return gaps;
}

/** Where each attempt sits on a 0..1 axis by start time; attempts without a start get null. */
export function timelinePositions(starts: ReadonlyArray<number | null>): Array<number | null> {
  const known = starts.filter((s): s is number => s !== null);
  if (known.length === 0) return starts.map(() => null);
  const lo = Math.min(...known);
  const span = Math.max(...known) - lo;
  return starts.map((s) => (s === null ? null : span === 0 ? 0.5 : (s - lo) / span));
}

/**
 * Stacks markers that would overlap (closer than `minGap` on the 0..1 axis) into lanes above the
 * axis, so a redial 10 s before a call stays visible on an hours-long timeline.
 */
export function markerLanes(positions: ReadonlyArray<number | null>, minGap: number): number[] {
  const lanes: number[] = [];
  const lastInLane: number[] = [];
  for (const p of positions) {
    const at = p ?? 1;
    let lane = 0;
    while (lastInLane[lane] !== undefined && at - lastInLane[lane]! < minGap) lane++;
    lastInLane[lane] = at;
    lanes.push(lane);
  }
  return lanes;
}
