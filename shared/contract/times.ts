// Reads the contract's time formats strictly (calendar-checked) and describes gaps between times.
// Pure: used by the contract check, ingest's index and the renderer's timeline.

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ZONELESS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of the matched Y-M-D[ h:m:s] as UTC, or null for impossible values (2023-02-30, 24:00). */
function utcMs(m: RegExpExecArray, fraction = 0): number | null {
  const y = +(m[1] as string);
  const mo = +(m[2] as string);
  const d = +(m[3] as string);
  const h = +(m[4] ?? 0);
  const mi = +(m[5] ?? 0);
  const s = +(m[6] ?? 0);
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > (DAYS_IN_MONTH[mo - 1] as number) + (leap ? 1 : 0) || h > 23 || mi > 59 || s > 59) return null;
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s) + fraction;
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  return new Date(Date.UTC(2000, mo - 1, d, h, mi, s) + fraction).setUTCFullYear(y);
}

/** `2023-10-19T06:13:17Z` (optional fraction) → epoch ms; anything else (offsets, no zone) → null. */
export function parseIsoUtc(raw: string): number | null {
  const m = ISO_UTC.exec(raw);
  if (!m) return null;
  return utcMs(m, m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0);
}

/** `YYYY-MM-DD` that exists on the calendar → epoch ms of its UTC midnight, else null. */
export function parseDate(raw: string): number | null {
  const m = DATE.exec(raw);
  return m ? utcMs(m) : null;
}

/**
 * `YYYY-MM-DD HH:MM:SS` (no zone, as RedailCall writes it) read in the zone `offsetMinutes` east of
 * UTC → epoch ms, else null. The zone is not stated anywhere, so callers show several readings.
 */
export function parseZoneless(raw: string, offsetMinutes: number): number | null {
  const m = ZONELESS.exec(raw);
  if (!m) return null;
  const asUtc = utcMs(m);
  return asUtc === null ? null : asUtc - offsetMinutes * 60_000;
}

export function isZoneless(raw: string): boolean {
  return ZONELESS.test(raw);
}

/** `2023-10-19T06:13:17Z` (fraction only when non-zero). */
export function formatIsoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** `10 s`, `7 h 59 min 50 s`, `2 d 3 h`: the absolute gap, for messages. */
export function formatDuration(ms: number): string {
  let s = Math.round(Math.abs(ms) / 1000);
  if (s === 0) return '0 s';
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)} ${unit}`);
      s %= size;
    }
  }
  return parts.join(' ');
}

/** "10 s before the call", "2 min after the call", "at the same second as the call". */
export function describeOffset(ms: number, reference: string): string {
  if (Math.round(ms / 1000) === 0) return `at the same second as ${reference}`;
  return `${formatDuration(ms)} ${ms < 0 ? 'before' : 'after'} ${reference}`;
}
