// Aggregates for a filter or a task: deliveries over time, call status, intention and ring types.
import { useState } from 'react';
import type { DeliveryFilter } from '../../../shared/api.js';
import { useApi, useAsync } from '../api/context.js';
import { formatLocal, formatSpan } from '../common/format.js';
import { CountChart, OverTimeChart } from './charts.js';
import { EndpointSelect } from '../endpoints/EndpointSelect.js';

const RANGES: Array<[string, number]> = [
  ['all time', 0],
  ['last hour', 3_600_000],
  ['last 24 h', 86_400_000],
  ['last 7 days', 7 * 86_400_000],
];

export function ChartsScreen() {
  const api = useApi();
  // The last day by default: aggregating a store of millions of deliveries takes seconds on the core's thread.
  const [span, setSpan] = useState(86_400_000);
  const [taskId, setTaskId] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const filter: DeliveryFilter = {
    ...(span ? { from: Date.now() - span } : {}),
    ...(taskId.trim() ? { taskId: taskId.trim() } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
  const stats = useAsync(() => api.stats({ filter, buckets: 60 }), [api, span, taskId, endpoint]);

  return (
    <section className="screen scroll charts">
      <div className="toolbar flat">
        <h1>Charts</h1>
        <select aria-label="time range" value={span} onChange={(e) => setSpan(Number(e.target.value))}>
          {RANGES.map(([label, ms]) => <option key={label} value={ms}>{label}</option>)}
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
            <figcaption>Deliveries over time{stats.value.overTime[0] ? ` (from ${formatLocal(stats.value.overTime[0].start)}, buckets of ${formatSpan(stats.value.bucketMs)})` : ''}</figcaption>
            <OverTimeChart data={stats.value.overTime} bucketMs={stats.value.bucketMs} />
          </figure>
          <figure className="chart"><figcaption>Call status</figcaption><CountChart counts={stats.value.callsByStatus} /></figure>
          <figure className="chart"><figcaption>Intention</figcaption><CountChart counts={stats.value.callsByIntention} /></figure>
          <figure className="chart"><figcaption>Ring type</figcaption><CountChart counts={stats.value.callsByRingType} /></figure>
          <figure className="chart"><figcaption>Call duration</figcaption><CountChart ordered counts={stats.value.callDurations.map((d): [string, number] => [d.range, d.count])} /></figure>
          <figure className="chart"><figcaption>Kind</figcaption><CountChart counts={stats.value.byKind} of="deliveries" /></figure>
        </div>
      )}
    </section>
  );
}
