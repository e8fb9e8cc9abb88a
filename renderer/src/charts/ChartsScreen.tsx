// Aggregates for a filter or a task: deliveries over time, call status, intention and ring types.
// A status, intention or kind bar opens the inbox on what it counts.
import { useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import { useApi, useAsync } from '../api/context.js';
import { formatLocal, formatSpan } from '../common/format.js';
import { CountChart, OverTimeChart } from './charts.js';
import { EndpointSelect } from '../endpoints/EndpointSelect.js';
import { formatRoute } from '../routing/route.js';

/** `FIT`: the day up to the newest delivery, so imported or older traffic is not an empty chart. */
const FIT = -1;
const DAY = 86_400_000;
const RANGES: Array<[string, number]> = [
  ['the day up to the newest', FIT],
  ['all time', 0],
  ['last hour', 3_600_000],
  ['last 24 h', DAY],
  ['last 7 days', 7 * DAY],
];

export function ChartsScreen() {
  const api = useApi();
  // A day by default: aggregating a store of millions of deliveries takes seconds on the core's thread.
  const [span, setSpan] = useState(FIT);
  const [taskId, setTaskId] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const base: DeliveryFilter = {
    ...(taskId.trim() ? { taskId: taskId.trim() } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
  const stats = useAsync(async () => {
    let range: DeliveryFilter = span > 0 ? { from: Date.now() - span } : {};
    if (span === FIT) {
      const newest = (await api.listDeliveries({ filter: base, limit: 1 })).items[0]?.receivedAt;
      range = newest === undefined ? {} : { from: newest - DAY, to: newest + 1 };
    }
    return api.stats({ filter: { ...base, ...range }, buckets: 60 });
  }, [api, span, taskId, endpoint]);
  // A bar opens the inbox on what it counts, with this screen's endpoint and task (its time range is the inbox's own).
  const inboxOf = (field: string) => (value: string) => {
    const word = (name: string, v: string) => `${name}:${/[\s"]/.test(v) || v === '' ? `"${v.replace(/"/g, '')}"` : v}`;
    const q = [
      word(field, value),
      ...(endpoint ? [word('endpoint', endpoint)] : []),
      ...(taskId.trim() ? [word('TaskID', taskId.trim())] : []),
    ].join(' ');
    window.location.hash = formatRoute({ name: 'inbox', q });
  };

  return (
    <section className="screen scroll charts">
      <div className="toolbar flat">
        <h1>Charts</h1>
        <select aria-label="time range" value={span} onChange={(e) => setSpan(Number(e.target.value))}>
          {RANGES.map(([label, ms]) => (
            <option key={label} value={ms}>
              {label}
            </option>
          ))}
        </select>
        <EndpointSelect value={endpoint} onChange={setEndpoint} />
        <input aria-label="TaskID" placeholder="TaskID (optional)" value={taskId} onChange={(e) => setTaskId(e.target.value)} size={34} />
        <button onClick={stats.reload}>refresh</button>
        {stats.status === 'ready' && <span className="count">{stats.value.total} deliveries</span>}
      </div>
      {stats.status === 'error' && <div className="error-bar">{stats.error.message}</div>}
      {stats.status === 'ready' && (
        <div className="chart-grid">
          <figure className="chart wide">
            <figcaption>
              Deliveries over time
              {stats.value.overTime[0]
                ? ` (from ${formatLocal(stats.value.overTime[0].start)}, buckets of ${formatSpan(stats.value.bucketMs)})`
                : ''}
            </figcaption>
            <OverTimeChart data={stats.value.overTime} bucketMs={stats.value.bucketMs} />
          </figure>
          <figure className="chart">
            <figcaption>Call status</figcaption>
            <CountChart counts={stats.value.callsByStatus} onPick={inboxOf('Status')} />
          </figure>
          <figure className="chart">
            <figcaption>Intention</figcaption>
            <CountChart counts={stats.value.callsByIntention} onPick={inboxOf('Intention')} />
          </figure>
          <figure className="chart">
            <figcaption>Ring type</figcaption>
            <CountChart counts={stats.value.callsByRingType} />
          </figure>
          <figure className="chart">
            <figcaption>Call duration</figcaption>
            <CountChart ordered counts={stats.value.callDurations.map((d): [string, number] => [d.range, d.count])} />
          </figure>
          <figure className="chart">
            <figcaption>Kind</figcaption>
            <CountChart counts={stats.value.byKind} of="deliveries" onPick={inboxOf('kind')} />
          </figure>
        </div>
      )}
    </section>
  );
}
