// Call start times as the vendor writes them: with a zone (Details[].StartTime) or without one
// (RedailCall[].StartTime), which is read at an offset the caller chooses, never guessed.

const ZONELESS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/** Epoch ms of a time string; zone-less forms are read at `offsetMinutes` east of UTC. */
export function startMs(raw: string | null, offsetMinutes: number): number | null {
  if (!raw) return null;
  const m = ZONELESS.exec(raw);
  if (m) {
    const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
    return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - offsetMinutes * 60_000;
  }
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : t;
}

export function isZoneless(raw: string | null): boolean {
  return raw !== null && ZONELESS.test(raw);
}
