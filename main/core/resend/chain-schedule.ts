// When each delivery of a replayed chain goes out: its original gap from the first (arrival or call) divided by
// the speed (1×, 10×, 60×, …) or no wait at all (`max`).

export type Speed = number | 'max';

/** Offsets in ms from the start of the replay, one per time (arrival or call start, already in order). */
export function chainOffsets(receivedAt: readonly number[], speed: Speed): number[] {
  const first = receivedAt[0] ?? 0;
  return receivedAt.map((t) => (speed === 'max' ? 0 : (t - first) / speed));
}
