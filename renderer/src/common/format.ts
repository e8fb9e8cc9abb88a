// How numbers, sizes and times read in the UI. Received times are shown in the viewer's local time
// (when it reached this machine); payload times are always shown as written.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2024-05-22 14:03:07.120` in local time. */
export function formatLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `finished 3 · failed 1`, most frequent first. */
export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(' · ');
}

/** `+60.0 s`, `+2 min 3 s`: the gap between two arrivals. */
export function formatGap(ms: number): string {
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `+${Math.floor(s / 60)} min ${s % 60} s`;
  return `+${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A bucket width: `250 ms`, `30 s`, `5 min`, `2 h`. */
export function formatSpan(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
