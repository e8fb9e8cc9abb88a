// The chart shapes the Charts screen uses, on recharts.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Stats } from '../../../shared/api.js';

const pad = (n: number) => String(n).padStart(2, '0');
/** Tick labels as fine as the buckets: seconds when buckets are shorter than a minute. */
const clock = (bucketMs: number) => (ms: number) => {
  const d = new Date(ms);
  const hm = `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return bucketMs < 60_000 ? `${hm}:${pad(d.getSeconds())}` : hm;
};

export function OverTimeChart({ data, bucketMs }: { data: Stats['overTime']; bucketMs: number }) {
  const tick = clock(bucketMs);
  if (data.length === 0) return <p className="quiet">No deliveries.</p>;
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="start" tickFormatter={tick} fontSize={11} minTickGap={40} />
        <YAxis allowDecimals={false} fontSize={11} />
        <Tooltip labelFormatter={(v) => tick(Number(v))} />
        <Bar dataKey="count" name="deliveries" fill="#2f6fed" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Category labels are payload values of any length: cut on the axis, whole in the tooltip. */
const shortLabel = (v: string) => (v.length > 16 ? `${v.slice(0, 15)}…` : v);

/**
 * Horizontal bars: counts by label, largest first, or in the given order (ranges) when `ordered`.
 * With nothing counted (empty buckets included) it says so, naming what it counts (`of`).
 */
export function CountChart({
  counts,
  ordered = false,
  of = 'calls',
  onPick,
}: {
  counts: Record<string, number> | Array<[string, number]>;
  ordered?: boolean;
  of?: string;
  /** A bar was clicked: its label as counted (`''` for the empty value). */
  onPick?: (label: string) => void;
}) {
  const data = (Array.isArray(counts) ? counts : Object.entries(counts)).map(([label, count]) => ({
    label,
    name: label === '' ? '"" (empty)' : label,
    count,
  }));
  if (!ordered) data.sort((a, b) => b.count - a.count);
  if (data.every((d) => d.count === 0)) return <p className="quiet">No {of}.</p>;
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, data.length * 26 + 30)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} fontSize={11} />
        <YAxis type="category" dataKey="name" width={120} fontSize={11} tickFormatter={shortLabel} />
        <Tooltip />
        <Bar
          dataKey="count"
          fill="#5b8def"
          isAnimationActive={false}
          {...(onPick && {
            cursor: 'pointer',
            onClick: (entry: { payload?: { label?: string } }) => entry.payload?.label !== undefined && onPick(entry.payload.label),
          })}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
