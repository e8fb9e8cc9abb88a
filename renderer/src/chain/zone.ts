// The zone a user picks to read zone-less redial times: minutes east of UTC, written `UTC+08:00`.

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `+8`, `-05:30`, `UTC+0530`, `+5:45` → minutes; null when it is not an offset in [-14:00, +14:00]. */
export function parseOffset(text: string): number | null {
  const m = /^\s*(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*$/i.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[3] ?? 0) >= 60 || minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}
